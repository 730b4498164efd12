//! The files of a batch as the command line names them: files as given,
//! folders walked (sorted, hidden entries skipped, at most
//! [`MAX_WALK_DEPTH`] deep), zips opened. There is no cap on the number of
//! files: a province's five years are checked in one run, and only each
//! file's path and summary stay in memory. Native only: the page is handed
//! its files by the browser.

use crate::error::ImportError;
use crate::import::Imported;
use crate::limits::MAX_WALK_DEPTH;
#[cfg(feature = "office")]
use crate::limits::MAX_ZIP_BYTES;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One file of a batch: on disk, or inside a zip (as reviewers receive
/// them). Either is read when it is checked, so that only summaries stay in
/// memory. What the walk could not or would not read (a damaged zip, a
/// pipe, a folder too deep, a link to a folder) is listed with its reason,
/// and the other files are checked as usual.
pub enum Input {
    File(PathBuf),
    #[cfg(feature = "office")]
    Zipped {
        zip: std::sync::Arc<Zip>,
        k: usize,
    },
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

#[cfg(feature = "office")]
pub struct Zip {
    path: PathBuf,
    archive: super::unzip::Archive<std::sync::Arc<[u8]>>,
}

impl Input {
    /// Where the file is, for messages: its path, or `the.zip/its/path`.
    pub fn source(&self) -> String {
        match self {
            Input::File(path) | Input::Unreadable { path, .. } => path.display().to_string(),
            #[cfg(feature = "office")]
            Input::Zipped { zip, k } => format!("{}/{}", zip.path.display(), zip.archive.name(*k).unwrap_or_default()),
        }
    }

    pub fn read(&self) -> Result<Imported, ImportError> {
        self.read_with(crate::import)
    }

    /// What a batch's first pass keeps of this input: read as
    /// [`crate::import::import_without_prose`] (a JSON report's prose is
    /// not kept), so that each report is read whole only when it is checked.
    pub fn glance(&self) -> super::Glance {
        let imported = self.read_with(crate::import::import_without_prose);
        super::Glance::of(&super::Entry { source: self.source(), imported })
    }

    fn read_with(
        &self,
        import: fn(&[u8], Option<&str>) -> Result<Imported, ImportError>,
    ) -> Result<Imported, ImportError> {
        match self {
            Input::File(path) => {
                let name = path.file_name().and_then(|n| n.to_str());
                import(&read_bytes(path)?, name)
            }
            #[cfg(feature = "office")]
            Input::Zipped { zip, k } => {
                let base = zip.archive.name(*k).and_then(|name| name.rsplit('/').next());
                import(&zip.archive.read(*k)?, base)
            }
            Input::Unreadable { reason, .. } => Err(ImportError::new(reason.clone())),
        }
    }

    /// The file's bytes as read (the batch review's marks are keyed by a
    /// hash of them, [`super::review::report_identity`]).
    pub fn bytes(&self) -> Result<Vec<u8>, ImportError> {
        match self {
            Input::File(path) => read_bounded(path),
            #[cfg(feature = "office")]
            Input::Zipped { zip, k } => zip.archive.read(*k),
            Input::Unreadable { reason, .. } => Err(ImportError::new(reason.clone())),
        }
    }

    pub fn entry(&self) -> super::Entry {
        super::Entry { source: self.source(), imported: self.read() }
    }
}

/// The files of a batch as a [`super::Load`]: the first pass reads each
/// without keeping its prose ([`Input::glance`]), so that a report is read
/// whole only when it is checked.
pub struct Files<'a>(pub &'a [Input]);

impl super::Load for Files<'_> {
    fn entry(&self, i: usize) -> super::Entry {
        self.0[i].entry()
    }

    fn glance(&self, i: usize) -> super::Glance {
        self.0[i].glance()
    }
}

/// The files to check: files as given, folders walked (sorted, hidden
/// entries skipped), zips opened. What cannot be read is an
/// [`Input::Unreadable`], listed with the others.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, 0, &mut files)?;
        } else {
            files.push(Input::File(path.clone()));
        }
    }
    let mut inputs = Vec::with_capacity(files.len());
    for input in files {
        #[cfg(feature = "office")]
        if let Input::File(path) = &input {
            if path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
                match open_zip(path) {
                    Ok(archive) => {
                        let count = archive.names().count();
                        let zip = std::sync::Arc::new(Zip { path: path.clone(), archive });
                        inputs.extend((0..count).map(|k| Input::Zipped { zip: zip.clone(), k }));
                    }
                    Err(reason) => inputs.push(Input::Unreadable { path: path.clone(), reason }),
                }
                continue;
            }
        }
        inputs.push(input);
    }
    Ok(inputs)
}

/// A zip of reports, read whole to list it: only a regular file (a link to
/// `/dev/zero` named `z.zip` would never end) of at most [`MAX_ZIP_BYTES`].
#[cfg(feature = "office")]
fn open_zip(path: &Path) -> Result<super::unzip::Archive<std::sync::Arc<[u8]>>, String> {
    let (file, _) = open_regular(path).map_err(|e| e.message)?;
    let mut bytes = Vec::new();
    file.take(MAX_ZIP_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("无法读取压缩包：{}", io_error_zh(&e)))?;
    if bytes.len() as u64 > MAX_ZIP_BYTES {
        return Err(format!("压缩包超过 {} MB 上限，请分批检查", MAX_ZIP_BYTES / 1024 / 1024));
    }
    super::unzip::Archive::open(std::sync::Arc::from(bytes)).map_err(|e| e.to_string())
}

/// Walks a folder into `files`; what it skips is listed with the reason.
fn walk(dir: &Path, depth: usize, files: &mut Vec<Input>) -> Result<(), String> {
    let skip = |reason: String| Input::Unreadable { path: dir.to_path_buf(), reason };
    if depth > MAX_WALK_DEPTH {
        files.push(skip(format!(
            "文件夹层级超过 {MAX_WALK_DEPTH} 层，其中的文件没有检查（防止误把整个磁盘交给本工具）；如需检查，请直接给出这个文件夹"
        )));
        return Ok(());
    }
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) => {
            files.push(skip(format!("无法打开文件夹：{}", io_error_zh(&e))));
            return Ok(());
        }
    };
    let mut children: Vec<PathBuf> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    children.sort();
    for child in children {
        let Ok(meta) = std::fs::symlink_metadata(&child) else { continue };
        if meta.is_dir() {
            walk(&child, depth + 1, files)?;
            continue;
        }
        if meta.is_symlink() && child.is_dir() {
            files.push(Input::Unreadable {
                path: child,
                reason: "这是指向文件夹的链接，没有跟随（避免重复检查或循环）；如需检查，请直接给出链接所指的文件夹"
                    .to_string(),
            });
        } else {
            files.push(Input::File(child));
        }
    }
    Ok(())
}

/// Reads and imports one file.
pub fn read_file(path: &Path) -> Result<Imported, ImportError> {
    let bytes = read_bounded(path)?;
    let name = path.file_name().and_then(|n| n.to_str());
    crate::import(&bytes, name)
}

/// A file's bytes, whole: a certificate's fingerprint is of all of them,
/// so a file larger than an input may be is refused rather than cut.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    let bytes = read_bounded(path)?;
    if bytes.len() > crate::import::MAX_INPUT_BYTES {
        let limit = crate::import::MAX_INPUT_BYTES / 1024 / 1024;
        return Err(ImportError::new(format!("文件过大（超过 {limit} MB），没有读取")));
    }
    Ok(bytes)
}

/// A regular file's bytes, at most one more than an input may have (the
/// importer says the file is too large).
fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportError> {
    let (mut file, len) = open_regular(path)?;
    let failed = |e: std::io::Error| ImportError::new(format!("无法读取文件：{}", io_error_zh(&e)));
    let limit = crate::import::MAX_INPUT_BYTES + 1;
    // Room for the file as its length says and one byte more, read in as
    // few calls as the system allows, then one more call to see the end
    // (`read_to_end` without the length takes four or more calls).
    let mut bytes = vec![0; usize::try_from(len).unwrap_or(limit).min(limit - 1) + 1];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= limit {
                break; // too large: the caller says so
            }
            bytes.resize((filled * 2).min(limit), 0); // the file grew
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(failed(e)),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// The list of units of `check --units` (see [`super::coverage::parse_units`]),
/// in UTF-8 or GBK as Excel saves it.
pub fn read_units(path: &Path) -> Result<Vec<String>, String> {
    Ok(super::coverage::parse_units(&read_text(path)?))
}

/// A list's text (units, `tree`'s units with their parents), in UTF-8 or
/// GBK as Excel saves it; the error names the file.
pub fn read_text(path: &Path) -> Result<String, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}：{}", path.display(), io_error_zh(&e)))?;
    crate::import::encoding::decode_text(&text).map_err(|e| format!("{}：{e}", path.display()))
}

/// Opens a regular file (links followed). A pipe, device or socket is
/// refused before it is opened: opening a pipe waits for a writer forever,
/// and a device such as `/dev/zero` never ends. Also its length then.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::new(format!("无法打开文件：{}", io_error_zh(&e))))?;
    if meta.is_dir() {
        return Err(ImportError::new("无法打开文件：这是一个文件夹，不是文件"));
    }
    if !meta.is_file() {
        return Err(ImportError::new("不是普通文件（是管道、设备或套接字），没有读取：读取它可能永远等待或读不完"));
    }
    let file = std::fs::File::open(path).map_err(|e| ImportError::new(format!("无法打开文件：{}", io_error_zh(&e))))?;
    Ok((file, meta.len()))
}

/// An I/O error in the user's words.
pub fn io_error_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_string(),
        _ => e.to_string(),
    }
}
