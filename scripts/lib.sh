# Shared helpers of the project's scripts: set-up steps that skip what is
# already installed.

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

# Warns when the disk is nearly full: a build that runs out of space fails
# with linker errors that do not say so.
check_disk() {
  local need_gb=$1 free_kb
  free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
  if [[ -n $free_kb && $free_kb -lt $((need_gb * 1024 * 1024)) ]]; then
    echo "注意：磁盘剩余空间只有 $((free_kb / 1024)) MB，这一步约需 ${need_gb} GB；空间不够时编译或链接会失败。" >&2
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    echo "需要 Rust 工具链（rustup）：https://rustup.rs" >&2
    exit 1
  fi
}

# Installs Debian packages that are missing (apt-get update first, once).
apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  if [[ $apt_updated -eq 0 ]]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
