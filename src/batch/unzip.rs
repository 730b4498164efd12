//! A zip of reports (as reviewers receive them): the files inside, bounded
//! so that a zip bomb is refused quickly. Names written by Windows in GBK
//! are decoded as such.

use crate::error::ImportError;
use crate::limits::{MAX_INPUT_BYTES, MAX_ZIP_FILES as MAX_FILES, MAX_ZIP_TOTAL_BYTES as MAX_TOTAL_BYTES};
use std::io::{Cursor, Read};

/// A zip of reports, listed once and read one file at a time (the CLI
/// reads each file when it checks it, as in a folder). `B` is the zip's
/// bytes: borrowed (the page) or shared (the CLI).
pub struct Archive<B: AsRef<[u8]> + Clone> {
    zip: zip::ZipArchive<Cursor<B>>,
    /// The reports: (index in the zip, path inside the zip).
    files: Vec<(usize, String)>,
}

impl<B: AsRef<[u8]> + Clone> Archive<B> {
    /// Opens a zip and lists its files. Folders, hidden files and macOS
    /// metadata are skipped.
    pub fn open(bytes: B) -> Result<Archive<B>, ImportError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone()))
            .map_err(|_| ImportError::new("压缩包已损坏或不是 zip 格式"))?;
        if zip.len() > MAX_FILES {
            return Err(ImportError::new(format!("压缩包中的文件过多（{} 个，上限 {MAX_FILES} 个）", zip.len())));
        }
        if let Some(name) = crate::office::duplicate_entry(bytes.as_ref(), zip.central_directory_start()) {
            return Err(ImportError::at(name, "压缩包中有两个同名的文件，无法确定哪一个是要检查的报告"));
        }
        let mut files = Vec::new();
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|_| ImportError::at(format!("第 {} 个文件", i + 1), "无法解压"))?;
            let name = match std::str::from_utf8(entry.name_raw()) {
                Ok(name) => name.to_string(),
                Err(_) => encoding_rs::GB18030.decode(entry.name_raw()).0.into_owned(),
            };
            let base = name.rsplit('/').next().unwrap_or_default();
            if entry.is_dir() || base.is_empty() || base.starts_with('.') || name.starts_with("__MACOSX/") {
                continue;
            }
            files.push((i, name));
        }
        Ok(Archive { zip, files })
    }

    /// The paths of the files inside, in the zip's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(_, name)| name.as_str())
    }

    /// The path of the `k`-th file of [`Archive::names`].
    pub fn name(&self, k: usize) -> Option<&str> {
        self.files.get(k).map(|(_, name)| name.as_str())
    }

    /// The bytes of the `k`-th file of [`Archive::names`], at most 32 MB.
    pub fn read(&self, k: usize) -> Result<Vec<u8>, ImportError> {
        let (index, name) = self.files.get(k).ok_or_else(|| ImportError::new("压缩包中没有这个文件"))?;
        let unreadable = || ImportError::at(name.clone(), "解压失败（压缩包可能已损坏或已加密）");
        let mut zip = self.zip.clone();
        let entry = zip.by_index(*index).map_err(|_| unreadable())?;
        let mut data = Vec::new();
        entry.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut data).map_err(|_| unreadable())?;
        if data.len() > MAX_INPUT_BYTES {
            return Err(ImportError::at(name.clone(), "解压后文件过大，超过 32 MB 上限"));
        }
        Ok(data)
    }
}

/// The files of a zip archive: (path inside the zip, bytes), at most
/// 512 MB in all.
pub fn files(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    let archive = Archive::open(bytes)?;
    let mut out = Vec::new();
    let mut total = 0u64;
    for (k, name) in archive.names().enumerate() {
        let data = archive.read(k)?;
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ImportError::new("压缩包解压后的总大小超过 512 MB 上限，请分批检查"));
        }
        out.push((name.to_string(), data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn lists_files_and_skips_metadata() {
        let z = zip_of(&[
            ("a/b.json", b"{}"),
            ("__MACOSX/._b.json", b"x"),
            (".hidden", b"x"),
            ("c.csv", b"address,value\n"),
        ]);
        let found = files(&z).unwrap();
        assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["a/b.json", "c.csv"]);
        assert!(files(b"PK\x03\x04 broken").is_err());
    }

    #[test]
    fn refuses_a_bomb_quickly() {
        let big = vec![0u8; MAX_INPUT_BYTES + 10];
        let z = zip_of(&[("bomb.txt", &big)]);
        assert!(z.len() < 1_000_000, "compresses well");
        assert!(files(&z).unwrap_err().message.contains("过大"));
    }
}
