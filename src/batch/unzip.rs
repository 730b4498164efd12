//! A zip of reports (as reviewers receive them): the files inside, bounded
//! so that a zip bomb is refused quickly. Names written by Windows in GBK
//! are decoded as such.

use crate::error::ImportError;
use crate::import::MAX_INPUT_BYTES;
use std::io::Read;

/// Most files taken from one zip.
const MAX_FILES: usize = 5_000;
/// Most bytes unpacked from one zip in all.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// The files of a zip archive: (path inside the zip, bytes). Folders,
/// hidden files and macOS metadata are skipped.
pub fn files(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| ImportError::new("压缩包已损坏或不是 zip 格式"))?;
    if archive.len() > MAX_FILES {
        return Err(ImportError::new(format!("压缩包中的文件过多（{} 个，上限 {MAX_FILES} 个）", archive.len())));
    }
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| ImportError::at(format!("第 {} 个文件", i + 1), "无法解压"))?;
        let name = match std::str::from_utf8(entry.name_raw()) {
            Ok(name) => name.to_string(),
            Err(_) => encoding_rs::GB18030.decode(entry.name_raw()).0.into_owned(),
        };
        let base = name.rsplit('/').next().unwrap_or_default();
        if entry.is_dir() || base.is_empty() || base.starts_with('.') || name.starts_with("__MACOSX/") {
            continue;
        }
        let mut data = Vec::new();
        entry
            .by_ref()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|_| ImportError::at(name.clone(), "解压失败（压缩包可能已损坏或已加密）"))?;
        if data.len() > MAX_INPUT_BYTES {
            return Err(ImportError::at(name, "解压后文件过大，超过 32 MB 上限"));
        }
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ImportError::new("压缩包解压后的总大小超过 512 MB 上限，请分批检查"));
        }
        out.push((name, data));
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
