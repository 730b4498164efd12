# Shared helpers of the project's scripts: set-up steps that skip what is
# already installed.

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    echo "需要 Rust 工具链（rustup）：https://rustup.rs" >&2
    exit 1
  fi
}
