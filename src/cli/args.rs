//! The CLI's commands and their options, defined once: the parser (lexopt)
//! accepts exactly the options a command defines, and the usage text is
//! written from the same definitions.

use std::ffi::OsString;
use std::path::PathBuf;

/// An option: `--long` (and `-s`), with the placeholder of its value, if
/// it takes one.
pub struct Opt {
    long: &'static str,
    short: Option<char>,
    value: Option<&'static str>,
}

const fn flag(long: &'static str) -> Opt {
    Opt { long, short: None, value: None }
}

const fn valued(long: &'static str, value: &'static str) -> Opt {
    Opt { long, short: None, value: Some(value) }
}

pub const JSON: Opt = flag("json");
const JSONL: Opt = flag("jsonl");
pub const PREVIOUS: Opt = valued("previous", "上年报告");
pub const UNITS: Opt = valued("units", "单位名单");
pub const YEAR: Opt = valued("year", "年度");
const THRESHOLD: Opt = valued("threshold", "50");
const SUMMARY_CSV: Opt = valued("summary-csv", "汇总.csv");
const FINDINGS_CSV: Opt = valued("findings-csv", "问题.csv");
const CHARTS: Opt = valued("charts", "图表文件夹");
pub const ORGAN: Opt = valued("organ", "名称");
pub const REGION: Opt = valued("organ", "地区名称");
pub const COMPARE: Opt = valued("compare", "本级报告");
pub const TO_DATA: Opt = valued("to", "html|md|json|csv|docx|xlsx");
pub const TO_TEMPLATE: Opt = valued("to", "xlsx|docx");
pub const OUTPUT: Opt = Opt { long: "output", short: Some('o'), value: Some("输出文件") };
pub const OUTPUT_SUMMARY: Opt = Opt { long: "output", short: Some('o'), value: Some("摘要.html|摘要.docx") };
pub const OUTPUT_CERTIFICATE: Opt = Opt { long: "output", short: Some('o'), value: Some("凭证.json") };
pub const FORMAT_COMPARISON: Opt = valued("format", "html|docx|json");
pub const OUTPUT_DRAFT: Opt = Opt { long: "output", short: Some('o'), value: Some("草稿.json") };
pub const MARKS: Opt = valued("marks", "复核记录.json");
pub const REPLY_BY: Opt = valued("reply-by", "2027-01-15");
pub const ISSUER: Opt = valued("issuer", "审核单位");
pub const OUTPUT_NOTICES: Opt = Opt { long: "output", short: Some('o'), value: Some("整改通知.zip") };
pub const TREE_UNITS: Opt = valued("units", "单位名单.csv");
pub const WRITE: Opt = flag("write");
pub const YEARS: Opt = valued("years", "年数");
pub const MIXED: Opt = flag("mixed");

/// One way of calling a command, a line of the usage text.
pub struct Form {
    /// Options the form needs, written before its arguments.
    pub required: &'static [&'static Opt],
    /// The arguments, as the user reads them (`文件...`).
    pub args: &'static str,
    pub optional: &'static [&'static Opt],
    /// What it does, in lines of the usage text.
    pub about: &'static str,
}

/// A command: its name and its forms. It accepts the options of all of them.
pub struct Command {
    pub name: &'static str,
    pub forms: &'static [Form],
}

const fn form(
    required: &'static [&'static Opt],
    args: &'static str,
    optional: &'static [&'static Opt],
    about: &'static str,
) -> Form {
    Form { required, args, optional, about }
}

const CHECK: Command = Command {
    name: "check",
    forms: &[
        form(&[], "文件...", &[&JSON, &PREVIOUS], "检查报告，列出全部问题。退出码：0 没有错误；1 有错误，或有文件无法读取（其余文件照常检查）；\n2 用法错误，或没有一个文件能读取。"),
        form(&[], "文件夹或zip压缩包...", &[&UNITS, &YEAR, &THRESHOLD, &SUMMARY_CSV, &FINDINGS_CSV, &CHARTS], "批量检查文件夹（及 zip 压缩包）中的全部报告；同一机关相邻年度的报告自动配对做跨年度检查，\n给出单位名单时列出所审年度（默认报告中最新的年度，--year 指定，须与 --units 同用）未报送的单位。"),
        form(&[&JSONL], "文件夹...", &[&UNITS, &YEAR], "每检查完一份报告输出一行 JSON，最后一行是各状态份数、重复报告和报送情况（大批量、分机器检查时用）。"),
    ],
};

const AGGREGATE: Command = Command {
    name: "aggregate",
    forms: &[form(
        &[],
        "文件或文件夹...",
        &[&ORGAN, &YEAR, &TO_DATA, &OUTPUT, &COMPARE],
        "把多份报告逐格相加，汇总成一份官方格式的报告并检查；--compare 与一份自述汇总数的报告逐格比较。",
    )],
};

const NOTICES: Command = Command {
    name: "notices",
    forms: &[form(
        &[&MARKS, &OUTPUT_NOTICES],
        "文件夹或zip压缩包...",
        &[&REPLY_BY, &ISSUER, &THRESHOLD, &JSON],
        "按批量检查页的复核记录（确认的问题）为每个单位生成一份整改通知（Word），连同通知清单（Excel 与 CSV）打包为 zip；\n回复期限默认为今天起 15 天。标准输出列出哪些单位已发通知、哪些没有及原因（--json 输出 JSON）。",
    )],
};

const TREE: Command = Command {
    name: "tree",
    forms: &[form(
        &[&TREE_UNITS],
        "文件夹或zip压缩包...",
        &[&YEAR, &JSON],
        "单位名单有“上级单位”列时，按层级把每个上级单位的报告与其下级单位报告之和逐格比较，\n列出不一致的单元格及各下级单位的数字（如 2147 = 1024 + 37 + 1086）和未报送的下级单位。",
    )],
};

const RENDER: Command = Command {
    name: "render",
    forms: &[form(
        &[&TO_DATA],
        "文件",
        &[&OUTPUT],
        "按官方格式输出报告（HTML、Markdown、Word、Excel）或数据（JSON、CSV）。\ndocx、xlsx 必须用 -o 指定输出文件。",
    )],
};

const SUMMARY: Command = Command {
    name: "summary",
    forms: &[
        form(&[], "文件", &[&PREVIOUS, &OUTPUT_SUMMARY], "体检摘要：一页纸说明公布期限、问题数量、最需要关注的问题、核心数据与上年对比、发布前须改正的事项。\n不给 -o 时把 HTML 输出到标准输出。"),
        form(&[], "文件夹或zip压缩包...", &[&UNITS, &REGION, &OUTPUT_SUMMARY], "本地区的体检摘要：报送情况、有错误的报告、最常见的问题、需跟进的单位。"),
    ],
};

const COMPARE_REPORTS: Command = Command {
    name: "compare",
    forms: &[form(&[], "上年或原版报告 本年或修改版报告", &[&FORMAT_COMPARISON, &OUTPUT], "对照两份同一机关的报告：相邻年度为“与上年对照”（上年、本年、增减），同一年度为“版本对照”\n（原版、修改版，列出每个改动的单元格）；三张表逐格列出两份的数字和增减，正文中与另一份相同的句子标为灰色。\n不给 -o 时输出到标准输出（docx 必须用 -o）。")],
};

const CERTIFY: Command = Command {
    name: "certify",
    forms: &[form(
        &[],
        "文件",
        &[&JSON, &OUTPUT_CERTIFICATE],
        "检查凭证：文件的内容指纹（SHA-256）、规则版本与检查结果；输出凭证文字（--json 输出 JSON），-o 另存凭证 JSON。",
    )],
};

const VERIFY: Command = Command {
    name: "verify",
    forms: &[form(
        &[],
        "文件 凭证",
        &[&JSON],
        "核验收到的报告是否就是凭证所检查的那一份（凭证为 JSON 或凭证文字）。退出码：0 一致；1 不一致。",
    )],
};

const EXTRACT: Command = Command {
    name: "extract",
    forms: &[form(&[], "文件", &[&JSON, &OUTPUT], "从报告（网页、PDF、文本、Word 等）中提取数据，输出规范的 JSON；读取情况摘要输出到标准错误\n（--json 时摘要也是 JSON）。")],
};

const TEMPLATE: Command = Command {
    name: "template",
    forms: &[form(
        &[&TO_TEMPLATE, &OUTPUT],
        "",
        &[],
        "输出空白模板：Excel 填报表（官方表格布局，只能填数字）或 Word 报告模板。",
    )],
};

const DRAFT: Command = Command {
    name: "draft",
    forms: &[form(&[], "文件", &[&OUTPUT], "按表格中的数字起草“一、总体情况”里的标准数字句（主动公开、依申请公开、行政复议和行政诉讼），\n可粘贴到正文后修改；句中数字与表格一致，不会引起 X1。")],
};

const NEW_YEAR: Command = Command {
    name: "new-year",
    forms: &[form(&[], "上年报告", &[&OUTPUT_DRAFT], "从上年报告开始写今年的报告：年度加一、统计期限、上年结转（= 上年结转下年度），其余数字留空；\n输出草稿 JSON，并在标准错误中列出现行有效件数的算法和上年正文中须改写的句子。")],
};

pub const RULES: Command = Command { name: "rules", forms: &[form(&[], "", &[&JSON], "列出全部检查规则。")] };

const BENCH: Command = Command {
    name: "bench",
    forms: &[
        form(&[], "[报告份数]", &[], "基准测试：生成合成报告，测量本机检查速度（不是测试，只打印数字）。"),
        form(
            &[&WRITE],
            "文件夹 份数",
            &[&YEARS, &MIXED],
            "生成合成报告文件（每个机关 --years 个年度，默认 2；--mixed 轮流用各种格式）。",
        ),
    ],
};

/// Every command, in the order of the usage text.
pub const COMMANDS: &[&Command] = &[
    &CHECK,
    &AGGREGATE,
    &NOTICES,
    &TREE,
    &RENDER,
    &SUMMARY,
    &COMPARE_REPORTS,
    &CERTIFY,
    &VERIFY,
    &EXTRACT,
    &TEMPLATE,
    &DRAFT,
    &NEW_YEAR,
    &RULES,
    &BENCH,
];

const HEAD: &str = "nianbao — 政府信息公开工作年度报告检查工具\n\n用法：\n";

const INPUTS: &str = "支持的输入：JSON（gov-info-annual-report/2021）、CSV（address,value，或按官方表格排列），
Excel（.xlsx，填报模板或按官方表格排列的工作表）、Word（.docx 报告草稿），
以及已发布的报告：网页（.html，整页保存或复制的表格）、PDF（带文字层）、文本或 Markdown（.txt/.md）。
格式按内容识别，不只看扩展名。";

impl Opt {
    /// `--to 格式`, or `-o 输出文件` for an option with a short name.
    fn usage(&self) -> String {
        let name = match self.short {
            Some(short) => format!("-{short}"),
            None => format!("--{}", self.long),
        };
        match self.value {
            Some(value) => format!("{name} {value}"),
            None => name,
        }
    }
}

impl Form {
    fn usage(&self, command: &str) -> String {
        let mut line = format!("  nianbao {command}");
        for opt in self.required {
            line += &format!(" {}", opt.usage());
        }
        if !self.args.is_empty() {
            line += &format!(" {}", self.args);
        }
        for opt in self.optional {
            line += &format!(" [{}]", opt.usage());
        }
        for about in self.about.lines() {
            line += &format!("\n      {about}");
        }
        line
    }
}

impl Command {
    /// The command's lines of the usage text.
    pub fn usage(&self) -> String {
        self.forms.iter().map(|form| form.usage(self.name)).collect::<Vec<_>>().join("\n")
    }

    /// The options the command accepts (those of each form, once).
    fn options(&self) -> Vec<&'static Opt> {
        let mut options: Vec<&'static Opt> = Vec::new();
        for form in self.forms {
            for &opt in form.required.iter().chain(form.optional) {
                if options.iter().all(|known| known.long != opt.long) {
                    options.push(opt);
                }
            }
        }
        options
    }

    /// An error in how the command was called, with its usage.
    pub fn misuse(&self, message: impl std::fmt::Display) -> String {
        format!("{message}\n\n用法：\n{}", self.usage())
    }
}

/// The whole usage text.
pub fn usage() -> String {
    let commands: Vec<String> = COMMANDS.iter().map(|c| c.usage()).collect();
    format!("{HEAD}{}\n  nianbao --help | --version\n\n{INPUTS}", commands.join("\n"))
}

/// A command's arguments, parsed: the options given (the last value of an
/// option given twice) and the other arguments.
pub struct Parsed {
    command: &'static Command,
    given: Vec<(&'static str, Option<OsString>)>,
    pub args: Vec<OsString>,
}

/// What the command line asks of a command: its help, or a run.
pub enum Call {
    Help,
    Run(Parsed),
}

/// Parses a command's arguments; an option the command does not define is
/// an error naming the command's options.
pub fn parse(command: &'static Command, args: Vec<String>) -> Result<Call, String> {
    use lexopt::Arg;
    let mut parser = lexopt::Parser::from_args(args);
    let mut parsed = Parsed { command, given: Vec::new(), args: Vec::new() };
    loop {
        let arg = parser.next().map_err(|e| lexopt_error(command, e))?;
        let name = match arg {
            None => return Ok(Call::Run(parsed)),
            Some(Arg::Value(value)) => {
                parsed.args.push(value);
                continue;
            }
            Some(Arg::Short('h')) | Some(Arg::Long("help")) => return Ok(Call::Help),
            Some(Arg::Short(short)) => format!("-{short}"),
            Some(Arg::Long(long)) => format!("--{long}"),
        };
        let opt = command
            .options()
            .into_iter()
            .find(|opt| name == format!("--{}", opt.long) || opt.short.is_some_and(|s| name == format!("-{s}")))
            .ok_or_else(|| unknown(command, &name))?;
        let value = match opt.value {
            Some(_) => Some(parser.value().map_err(|_| command.misuse(format!("{name} 后面缺少参数")))?),
            None => None,
        };
        parsed.given.push((opt.long, value));
    }
}

fn unknown(command: &Command, name: &str) -> String {
    let options: Vec<String> = command.options().iter().map(|opt| format!("--{}", opt.long)).collect();
    if options.is_empty() {
        command.misuse(format!("{} 命令没有选项 {name}", command.name))
    } else {
        command.misuse(format!("{} 命令没有选项 {name}（可用：{}）", command.name, options.join("、")))
    }
}

fn lexopt_error(command: &Command, error: lexopt::Error) -> String {
    match error {
        lexopt::Error::UnexpectedValue { option, .. } => command.misuse(format!("选项 {option} 不带参数")),
        lexopt::Error::NonUnicodeValue(_)
        | lexopt::Error::UnexpectedOption(_)
        | lexopt::Error::UnexpectedArgument(_) => command.misuse("参数不是有效的文字（UTF-8）"),
        other => command.misuse(format!("参数有误：{other}")),
    }
}

impl Parsed {
    pub fn flag(&self, opt: &Opt) -> bool {
        self.given.iter().any(|(long, _)| *long == opt.long)
    }

    fn raw(&self, opt: &Opt) -> Option<&OsString> {
        self.given.iter().rev().find(|(long, _)| *long == opt.long).and_then(|(_, value)| value.as_ref())
    }

    pub fn path(&self, opt: &Opt) -> Option<PathBuf> {
        self.raw(opt).map(PathBuf::from)
    }

    pub fn text(&self, opt: &Opt) -> Result<Option<String>, String> {
        self.raw(opt)
            .map(|v| v.clone().into_string().map_err(|_| format!("--{} 的参数不是有效的文字（UTF-8）", opt.long)))
            .transpose()
    }

    /// `--year`: a year such as 2025.
    pub fn year(&self, opt: &Opt) -> Result<Option<i32>, String> {
        self.text(opt)?
            .map(|v| nianbao::model::parse_year(&v).ok_or(format!("--{} 应为年度，如 2025，而不是 {v}", opt.long)))
            .transpose()
    }

    /// `--threshold`: X9's share of copied text, 0–100 (default X9's).
    pub fn threshold(&self) -> Result<u8, String> {
        Ok(match self.text(&THRESHOLD)? {
            Some(v) => {
                v.parse().ok().filter(|t| *t <= 100).ok_or(format!("--threshold 应为 0–100 的整数，而不是 {v}"))?
            }
            None => nianbao::rules::copying::DEFAULT_THRESHOLD,
        })
    }

    /// `--reply-by`: a date such as 2027-01-15.
    #[cfg(feature = "office")]
    pub fn date(&self, opt: &Opt) -> Result<Option<nianbao::model::Date>, String> {
        self.text(opt)?
            .map(|v| {
                nianbao::model::Date::parse_iso(&v).ok_or(format!("--{} 应为日期，如 2027-01-15，而不是 {v}", opt.long))
            })
            .transpose()
    }

    /// The arguments as paths.
    pub fn files(&self) -> Vec<PathBuf> {
        self.args.iter().map(PathBuf::from).collect()
    }

    /// Exactly one argument, a file.
    pub fn one_file(&self) -> Result<PathBuf, String> {
        match self.files().as_slice() {
            [path] => Ok(path.clone()),
            _ => Err(self.command.misuse(format!("{} 需要且只需要一个输入文件。", self.command.name))),
        }
    }

    pub fn misuse(&self, message: impl std::fmt::Display) -> String {
        self.command.misuse(message)
    }
}

/// `nianbao check`, validated.
pub struct CheckArgs {
    pub json: bool,
    /// One JSON line per report as it is checked.
    pub jsonl: bool,
    pub previous: Option<PathBuf>,
    pub units: Option<PathBuf>,
    /// The year whose coverage is reported (default the latest).
    pub year: Option<i32>,
    pub threshold: u8,
    pub summary_csv: Option<PathBuf>,
    pub findings_csv: Option<PathBuf>,
    pub charts: Option<PathBuf>,
    pub files: Vec<PathBuf>,
}

impl CheckArgs {
    pub fn of(p: &Parsed) -> Result<CheckArgs, String> {
        let threshold = p.threshold()?;
        let a = CheckArgs {
            json: p.flag(&JSON),
            jsonl: p.flag(&JSONL),
            previous: p.path(&PREVIOUS),
            units: p.path(&UNITS),
            year: p.year(&YEAR)?,
            threshold,
            summary_csv: p.path(&SUMMARY_CSV),
            findings_csv: p.path(&FINDINGS_CSV),
            charts: p.path(&CHARTS),
            files: p.files(),
        };
        if a.files.is_empty() {
            return Err(p.misuse("请给出要检查的文件或文件夹。"));
        }
        if a.year.is_some() && a.units.is_none() {
            return Err("--year 指定报送情况的年度，须与 --units 单位名单同用".to_string());
        }
        if a.jsonl && (a.json || a.findings_csv.is_some() || a.charts.is_some()) {
            return Err(
                "--jsonl 不能与 --json、--findings-csv、--charts 同时使用（每行已含该报告的全部问题）".to_string()
            );
        }
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(command: &'static Command, args: &[&str]) -> Result<Parsed, String> {
        match parse(command, args.iter().map(|a| a.to_string()).collect())? {
            Call::Run(parsed) => Ok(parsed),
            Call::Help => Err("help".into()),
        }
    }

    #[test]
    fn a_command_takes_its_own_options_only() {
        let parsed = run(&CHECK, &["--json", "a.json", "--threshold=60", "b"]).unwrap();
        assert!(parsed.flag(&JSON) && !parsed.flag(&JSONL));
        assert_eq!(parsed.text(&THRESHOLD).unwrap().as_deref(), Some("60"));
        assert_eq!(parsed.files(), [PathBuf::from("a.json"), PathBuf::from("b")]);
        let error = run(&CHECK, &["--organ", "x", "a.json"]).err().unwrap();
        assert!(error.starts_with("check 命令没有选项 --organ（可用：--json、--previous、--units"), "{error}");
        assert!(run(&RULES, &["--to", "x"]).err().unwrap().starts_with("rules 命令没有选项 --to（可用：--json）"));
        assert!(run(&RENDER, &["--to"]).err().unwrap().starts_with("--to 后面缺少参数"));
        assert!(run(&RULES, &["--json=yes"]).err().unwrap().starts_with("选项 --json 不带参数"));
        assert_eq!(run(&RENDER, &["-o", "x.md", "r.json"]).unwrap().path(&OUTPUT), Some(PathBuf::from("x.md")));
        assert!(matches!(parse(&RENDER, vec!["--help".into()]), Ok(Call::Help)));
    }

    #[test]
    fn the_usage_is_written_from_the_definitions() {
        let text = usage();
        assert!(text.contains("  nianbao check 文件... [--json] [--previous 上年报告]\n      检查报告"), "{text}");
        assert!(text.contains("  nianbao template --to xlsx|docx -o 输出文件\n"), "{text}");
        for command in COMMANDS {
            assert!(text.contains(&command.usage()));
        }
    }
}
