//! Writing this year's report (issue 19): help for the author of a report,
//! as opposed to the rules, which check one that is written.
//!
//! - [`sentences`]: the standard figure sentences of 一、总体情况, drafted
//!   from the tables, so the prose quotes the figures the tables hold.

pub mod sentences;
