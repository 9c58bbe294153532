//! How the tour shows itself: a spinner per step on a terminal, plain lines
//! otherwise, a summary table at the end, or one JSON document.

use std::future::Future;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rust_decimal::Decimal;
use serde::Serialize;

/// Prints one line to stdout. A closed pipe (`tour --plain | head -1`)
/// ends the process quietly with status 0, as command-line tools do;
/// `println!` would panic.
pub fn say(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out.write_fmt(line).and_then(|()| out.write_all(b"\n"));
    if written.is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
        std::process::exit(0);
    }
}

/// [`say`] with `format!` arguments.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::tour::report::say(format_args!($($arg)*))
    };
}

/// How the tour prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Spinners and colours-free symbols, for a terminal.
    Fancy,
    /// One plain line per step (not a terminal, or `--plain`).
    Plain,
    /// Nothing while running; a JSON summary at the end.
    Json,
}

impl Output {
    /// `Fancy` on a terminal, `Plain` otherwise.
    pub fn detect() -> Self {
        if std::io::stdout().is_terminal() {
            Output::Fancy
        } else {
            Output::Plain
        }
    }
}

/// One finished step.
#[derive(Debug, Clone, Serialize)]
pub struct StepRecord {
    /// The vendor.
    pub vendor: &'static str,
    /// What the step did.
    pub title: String,
    /// Whether it succeeded.
    pub ok: bool,
    /// Its result, or the SDK's error message.
    pub detail: String,
    /// How long it took, in milliseconds.
    pub elapsed_ms: u64,
    /// Where the vendor was reached: `sandbox` or `live`.
    pub target: &'static str,
}

/// Collects and prints the steps.
#[derive(Debug)]
pub struct Reporter {
    output: Output,
    steps: Vec<StepRecord>,
    target: &'static str,
}

impl Reporter {
    /// A reporter printing as `output`.
    pub fn new(output: Output) -> Self {
        Reporter {
            output,
            steps: Vec::new(),
            target: "sandbox",
        }
    }

    /// Marks the following steps as run against `target` (`sandbox` or
    /// `live`), and says so in text mode.
    pub fn target(&mut self, target: &'static str) {
        self.target = target;
        if self.output != Output::Json {
            let what = if target == "live" {
                "the live vendor API"
            } else {
                "the embedded sandbox (in-process, no network)"
            };
            crate::say!("  [{target}] against {what}");
        }
    }

    /// Prints a section heading.
    pub fn section(&self, text: &str) {
        if self.output != Output::Json {
            crate::say!("\n{text}");
        }
    }

    /// Runs one step: shows it while it waits, then its result.
    pub async fn step<T, E, F>(
        &mut self,
        vendor: &'static str,
        title: impl Into<String>,
        work: F,
        describe: impl FnOnce(&T) -> String,
    ) -> Result<T, E>
    where
        F: Future<Output = Result<T, E>>,
        E: std::fmt::Display,
    {
        let title = title.into();
        let spinner = (self.output == Output::Fancy).then(|| {
            let pb = ProgressBar::new_spinner();
            pb.set_style(
                ProgressStyle::with_template("  {spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            pb.set_message(format!("{vendor:<10} {title}"));
            pb.enable_steady_tick(Duration::from_millis(80));
            pb
        });
        let started = Instant::now();
        let result = work.await;
        let elapsed = started.elapsed();
        if let Some(pb) = spinner {
            pb.finish_and_clear();
        }
        let (ok, detail) = match &result {
            Ok(v) => (true, describe(v)),
            Err(e) => (false, e.to_string()),
        };
        if self.output != Output::Json {
            let mark = if ok { "ok  " } else { "FAIL" };
            crate::say!(
                "  {mark} {vendor:<10} {title}: {detail} ({} ms)",
                elapsed.as_millis()
            );
        }
        self.steps.push(StepRecord {
            vendor,
            title,
            ok,
            detail,
            elapsed_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            target: self.target,
        });
        result
    }

    /// Records a step that could not run because an earlier one failed.
    pub fn skipped(&mut self, vendor: &'static str, title: impl Into<String>, why: &str) {
        let title = title.into();
        if self.output != Output::Json {
            crate::say!("  skip {vendor:<10} {title}: {why}");
        }
        self.steps.push(StepRecord {
            vendor,
            title,
            ok: false,
            detail: format!("skipped: {why}"),
            elapsed_ms: 0,
            target: self.target,
        });
    }

    /// The steps so far.
    pub fn steps(&self) -> &[StepRecord] {
        &self.steps
    }

    /// Whether every step succeeded.
    pub fn all_ok(&self) -> bool {
        self.steps.iter().all(|s| s.ok)
    }

    /// Prints the summary: a table, or the JSON document.
    pub fn finish(&self) {
        let vendors = self.by_vendor();
        if self.output == Output::Json {
            let doc = serde_json::json!({
                "ok": self.all_ok(),
                "vendors": vendors,
                "steps": self.steps,
            });
            crate::say!(
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_else(|_| doc.to_string())
            );
            return;
        }
        crate::say!(
            "\n  {:<10} {:<8} {:>10} {:>9}  result",
            "vendor",
            "against",
            "operations",
            "time"
        );
        crate::say!("  {}", "-".repeat(53));
        for v in &vendors {
            crate::say!(
                "  {:<10} {:<8} {:>10} {:>6} ms  {}",
                v.vendor,
                v.target,
                v.operations,
                v.elapsed_ms,
                if v.ok { "ok" } else { "FAILED" }
            );
        }
        let total: u64 = vendors.iter().map(|v| v.elapsed_ms).sum();
        crate::say!("  {}", "-".repeat(53));
        crate::say!(
            "  {:<10} {:<8} {:>10} {:>6} ms  {}",
            "total",
            "",
            self.steps.len(),
            total,
            if self.all_ok() { "ok" } else { "FAILED" }
        );
    }

    fn by_vendor(&self) -> Vec<VendorSummary> {
        let mut out: Vec<VendorSummary> = Vec::new();
        for s in &self.steps {
            match out.iter_mut().find(|v| v.vendor == s.vendor) {
                Some(v) => {
                    v.operations += 1;
                    v.elapsed_ms += s.elapsed_ms;
                    v.ok &= s.ok;
                }
                None => out.push(VendorSummary {
                    vendor: s.vendor,
                    operations: 1,
                    elapsed_ms: s.elapsed_ms,
                    ok: s.ok,
                    target: s.target,
                }),
            }
        }
        out
    }
}

#[derive(Debug, Serialize)]
struct VendorSummary {
    vendor: &'static str,
    operations: usize,
    elapsed_ms: u64,
    ok: bool,
    target: &'static str,
}

/// Formats money for people: `€39,000.00`, `$1,234.50`.
pub fn money(amount: Decimal, currency: &str) -> String {
    let symbol = match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        _ => "",
    };
    let rounded =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let grouped = group_digits(int);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    if symbol.is_empty() {
        format!("{sign}{grouped}.{frac} {currency}")
    } else {
        format!("{sign}{symbol}{grouped}.{frac}")
    }
}

/// Groups a run of digits in thousands: `112053` → `112,053`.
pub fn group_digits(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_and_rounded_half_up() {
        assert_eq!(money(Decimal::new(3900000, 2), "EUR"), "€39,000.00");
        assert_eq!(money(Decimal::new(1234505, 3), "USD"), "$1,234.51");
        assert_eq!(money(Decimal::new(-65050, 2), "USD"), "-$650.50");
        assert_eq!(money(Decimal::new(5, 0), "SEK"), "5.00 SEK");
        assert_eq!(money(Decimal::new(100, 0), "EUR"), "€100.00");
        assert_eq!(group_digits("112053"), "112,053");
        assert_eq!(group_digits("999"), "999");
    }
}
