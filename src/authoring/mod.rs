//! Writing this year's report (issue 19): help for the author of a report,
//! as opposed to the rules, which check one that is written.
//!
//! - [`sentences`]: the standard figure sentences of 一、总体情况, drafted
//!   from the tables, so the prose quotes the figures the tables hold.
//! - [`new_year`]: this year's draft started from last year's report.
//! - [`checklist`]: what to check before publishing that no cell shows.
//! - [`form`]: the report as the form 在线填写 edits it (every field as text).

pub mod checklist;
pub mod form;
pub mod new_year;
pub mod sentences;
