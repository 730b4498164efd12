//! The report as the form 在线填写 edits it: every field as the exact text
//! typed, so a half-typed year or a money cell like `1271.38998` survives
//! a round trip through the page unchanged. The page keeps this shape in
//! the browser's storage; the core turns it into the report (and so into
//! the canonical JSON) whenever the page checks, downloads or previews it.

use crate::layout::{all_cells, CellId, CellKind};
use crate::model::{Date, OrganKind, Report, SectionKey, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A report as the form's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormDraft {
    pub organ: String,
    /// An [`OrganKind`] key, '' when not chosen.
    pub organ_kind: String,
    /// As typed: only a four-digit year counts.
    pub year: String,
    pub title: String,
    /// `YYYY-MM-DD` (the date input's value), '' when not given.
    pub published_on: String,
    /// Section key (`preamble`, `overview`, … `review_note`) → its text, '' when absent.
    pub sections: BTreeMap<String, String>,
    /// Every cell address → its value as typed, '' when blank.
    pub cells: BTreeMap<String, String>,
    /// The money cells (万元, decimals allowed); all others are counts.
    pub money: Vec<String>,
}

impl FormDraft {
    /// The report's fields as text.
    pub fn of(report: &Report) -> FormDraft {
        let meta = &report.meta;
        let sections =
            SectionKey::ALL.iter().map(|&k| (k.key().to_string(), report.sections.get(k).unwrap_or("").to_string()));
        let cells = all_cells().map(|id| {
            let text = match report.value(id) {
                Value::Blank => String::new(),
                v => v.to_string(),
            };
            (id.address().to_string(), text)
        });
        FormDraft {
            organ: meta.organ.clone(),
            organ_kind: meta.organ_kind.map_or("", |k| k.key()).to_string(),
            year: meta.year.map(|y| y.to_string()).unwrap_or_default(),
            title: meta.title.clone().unwrap_or_default(),
            published_on: meta.published_on.map(|d| d.to_string()).unwrap_or_default(),
            sections: sections.collect(),
            cells: cells.collect(),
            money: all_cells().filter(|id| id.kind() == CellKind::Money).map(|id| id.address().to_string()).collect(),
        }
    }

    /// The report the fields say. An empty 一/五/六 is absent (the check
    /// says it is missing); an empty preamble or note is simply not there.
    /// Unknown keys and addresses are ignored (the page wrote them).
    pub fn to_report(&self) -> Report {
        let mut report = Report::new();
        let meta = &mut report.meta;
        meta.organ = self.organ.trim().to_string();
        meta.organ_kind = OrganKind::from_key(&self.organ_kind);
        meta.year = (self.year.len() == 4 && self.year.bytes().all(|b| b.is_ascii_digit()))
            .then(|| crate::model::parse_year(&self.year))
            .flatten();
        meta.title = Some(self.title.trim()).filter(|t| !t.is_empty()).map(str::to_string);
        meta.published_on = Date::parse_iso(&self.published_on);
        for key in SectionKey::ALL {
            let text = self.sections.get(key.key()).map_or("", String::as_str);
            *report.sections.get_mut(key) = Some(text).filter(|t| !t.trim().is_empty()).map(str::to_string);
        }
        for (address, text) in &self.cells {
            if let Some(id) = CellId::from_address(address) {
                report.set_parsed(id, text);
            }
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_goes_through_the_form_unchanged() {
        let sample = crate::import(include_bytes!("../../tests/fixtures/hongsibao-2025.json"), Some("a.json")).unwrap();
        let draft = FormDraft::of(&sample.report);
        assert_eq!(draft.cells["active.fees"], "1271.38998");
        assert!(draft.money.contains(&"active.fees".to_string()));
        let back = draft.to_report();
        assert_eq!(crate::render::to_json_string(&back), crate::render::to_json_string(&sample.report));
    }

    #[test]
    fn half_typed_fields_are_not_taken_for_values() {
        let mut draft = FormDraft::of(&Report::new());
        draft.year = "202".into();
        draft.organ_kind = "nonsense".into();
        draft.published_on = "2026-02-30".into();
        draft.sections.insert("overview".into(), "  ".into());
        draft.cells.insert("no.such.cell".into(), "3".into());
        draft.cells.insert("active.fees".into(), "1.50".into());
        let report = draft.to_report();
        assert_eq!((report.meta.year, report.meta.organ_kind, report.meta.published_on), (None, None, None));
        assert_eq!(report.sections.overview, None);
        assert_eq!(report.value(crate::layout::active::FEES).to_string(), "1.50");
    }
}
