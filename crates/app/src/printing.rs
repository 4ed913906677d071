//! Printing: a classroom's report cards, one student's card, a fee receipt and a monthly
//! attendance register, read from the store, laid out by daftar-reports and written to files
//! atomically (a temporary file renamed into place, so a reader never sees half a PDF).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use chrono::{Datelike, NaiveDate};
use daftar_domain::*;
use daftar_reports as reports;
use daftar_reports::{Bilingual, Lang, Words};
use daftar_store::{ClassroomMonth, ClassroomTerm, PaymentReceipt};
use serde::Serialize;
use uuid::Uuid;

use crate::{App, Failure, Result};

/// The data folder's folder of printed documents.
pub(crate) const PRINTED_DIR: &str = "printed";

/// What was printed: the files written and their pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printed {
    pub files: Vec<PathBuf>,
    pub pages: usize,
    pub bytes: u64,
}

pub(crate) fn school_header(school: &School) -> Result<reports::SchoolHeader> {
    let logo = school
        .logo_png
        .as_deref()
        .map(|text| {
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| Failure::Report(reports::ReportError::BadImage(e.to_string())))
        })
        .transpose()?;
    Ok(reports::SchoolHeader {
        name: Bilingual::new(&school.name_ar, &school.name_en),
        principal: Bilingual::new(&school.principal_name_ar, &school.principal_name_en),
        logo,
        primary: match school.primary_language {
            Language::Arabic => Lang::Ar,
            Language::English => Lang::En,
        },
        currency: school.currency.clone(),
        currency_minor_digits: school.currency_minor_digits,
    })
}

fn staff_name(staff: &Option<Staff>) -> Option<Bilingual> {
    staff
        .as_ref()
        .map(|s| Bilingual::new(&s.name_ar, &s.name_en))
}

/// The report cards of a classroom's term, every student's or only `only`'s (ranked within
/// the whole classroom either way).
fn cards_of(
    term: &ClassroomTerm,
    issued_on: NaiveDate,
    only: Option<Uuid>,
) -> Result<reports::ReportCards> {
    let marks: HashMap<(Uuid, Uuid), Option<f64>> = term
        .results
        .iter()
        .map(|r| ((r.assessment_id, r.student_id), r.mark))
        .collect();
    let remarks: HashMap<Uuid, &TermRemark> =
        term.remarks.iter().map(|r| (r.student_id, r)).collect();
    let subjects_of = |student: Uuid| -> Vec<reports::CardSubject> {
        term.subjects
            .iter()
            .map(|subject| reports::CardSubject {
                name: Bilingual::new(&subject.name_ar, &subject.name_en),
                assessments: term
                    .assessments
                    .iter()
                    .filter(|a| a.subject_id == subject.id)
                    .map(|a| reports::CardAssessment {
                        name: Bilingual::new(&a.name_ar, &a.name_en),
                        mark: marks.get(&(a.id, student)).copied().flatten(),
                        total: a.total,
                        weight: a.weight,
                    })
                    .collect(),
            })
            .collect()
    };
    let all: Vec<Vec<reports::CardSubject>> =
        term.students.iter().map(|s| subjects_of(s.id)).collect();
    let averages: Vec<Option<f64>> = all
        .iter()
        .map(|s| reports::grading::overall_percent(s))
        .collect();
    let ranks = reports::grading::ranks(&averages);
    let ranked = averages.iter().flatten().count() as u32;
    let mut cards = Vec::new();
    for ((student, subjects), rank) in term.students.iter().zip(all).zip(ranks) {
        if only.is_some_and(|id| id != student.id) {
            continue;
        }
        let attendance = term
            .attendance
            .get(&student.id)
            .cloned()
            .unwrap_or_default();
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        let remark = remarks.get(&student.id);
        cards.push(reports::ReportCard {
            student_name: Bilingual::new(&student.name_ar, &student.name_en),
            admission_number: student.admission_number.clone(),
            classroom: Bilingual::new(&term.classroom.name_ar, &term.classroom.name_en),
            year: term.year.name.clone(),
            term: Bilingual::new(&term.term.name_ar, &term.term.name_en),
            subjects,
            rank: rank
                .filter(|_| term.school.rank_enabled)
                .map(|r| (r, ranked)),
            attendance: reports::AttendanceCounts {
                present: count(attendance.present),
                absent: count(attendance.absent),
                late: count(attendance.late),
                excused: count(attendance.excused),
            },
            teacher_remark: remark.and_then(|r| r.teacher_remark.clone()),
            principal_remark: remark.and_then(|r| r.principal_remark.clone()),
            homeroom_teacher: staff_name(&term.homeroom_teacher),
        });
    }
    Ok(reports::ReportCards {
        school: school_header(&term.school)?,
        bands: term
            .bands
            .iter()
            .map(|b| reports::Band {
                min_percent: b.min_percent,
                label: Bilingual::new(&b.label_ar, &b.label_en),
            })
            .collect(),
        issued_on,
        cards,
    })
}

fn receipt_of(data: &PaymentReceipt) -> Result<reports::Receipt> {
    Ok(reports::Receipt {
        school: school_header(&data.school)?,
        receipt_number: data.payment.receipt_number.clone(),
        paid_on: data.payment.paid_on,
        student_name: Bilingual::new(&data.student.name_ar, &data.student.name_en),
        admission_number: data.student.admission_number.clone(),
        classroom: data
            .classroom
            .as_ref()
            .map(|c| Bilingual::new(&c.name_ar, &c.name_en)),
        guardian: data
            .guardian
            .as_ref()
            .map(|g| Bilingual::new(&g.name_ar, &g.name_en)),
        invoice_number: data.invoice.number.clone(),
        description: data.invoice.description.clone(),
        method: data.payment.method.as_str().to_string(),
        invoice_amount: data.invoice.amount,
        paid_before: data.paid_before,
        amount: data.payment.amount,
        received_by: staff_name(&data.received_by),
        reference: data.payment.reference.clone(),
        vat: vat_shares(&data.lines),
        tax_number: data.school.tax_number.clone(),
    })
}

/// An invoice's VAT by rate (exempt lines apart), lowest rate first.
fn vat_shares(lines: &[InvoiceLine]) -> Vec<reports::VatShare> {
    let mut shares: Vec<reports::VatShare> = Vec::new();
    for line in lines {
        let exempt = line.vat == VatCategory::Exempt;
        match shares
            .iter_mut()
            .find(|s| s.vat_bp == line.vat_bp && s.exempt == exempt)
        {
            Some(share) => {
                share.net += line.net;
                share.vat += line.vat_amount;
            }
            None => shares.push(reports::VatShare {
                vat_bp: line.vat_bp,
                exempt,
                net: line.net,
                vat: line.vat_amount,
            }),
        }
    }
    shares.sort_by_key(|s| (s.exempt, s.vat_bp));
    shares
}

/// A month's marks by student and day, as the register and its spreadsheet read them.
fn marks_by_day(data: &ClassroomMonth) -> HashMap<(Uuid, NaiveDate), AttendanceStatus> {
    data.attendance
        .iter()
        .map(|a| ((a.student_id, a.date), a.status))
        .collect()
}

fn register_of(data: &ClassroomMonth) -> Result<reports::Register> {
    let marks = marks_by_day(data);
    Ok(reports::Register {
        school: school_header(&data.school)?,
        classroom: Bilingual::new(&data.classroom.name_ar, &data.classroom.name_en),
        year: data.year.name.clone(),
        month: data.first_day,
        school_days: data.school_days.clone(),
        rows: data
            .students
            .iter()
            .map(|s| reports::RegisterRow {
                name: Bilingual::new(&s.name_ar, &s.name_en),
                admission_number: s.admission_number.clone(),
                marks: data
                    .school_days
                    .iter()
                    .map(|day| {
                        marks.get(&(s.id, *day)).map(|status| match status {
                            AttendanceStatus::Present => reports::Mark::Present,
                            AttendanceStatus::Absent => reports::Mark::Absent,
                            AttendanceStatus::Late => reports::Mark::Late,
                            AttendanceStatus::Excused => reports::Mark::Excused,
                        })
                    })
                    .collect(),
            })
            .collect(),
        homeroom_teacher: staff_name(&data.homeroom_teacher),
    })
}

/// "YYYY-MM" (digits of either script) as the month's first day.
pub fn parse_month(text: &str) -> Result<NaiveDate> {
    let digits = western_digits(text.trim());
    let bad = || Failure::InvalidMonth(text.chars().take(40).collect());
    let (year, month) = digits.split_once('-').ok_or_else(bad)?;
    let (year, month) = (
        year.parse::<i32>().map_err(|_| bad())?,
        month.parse::<u32>().map_err(|_| bad())?,
    );
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| Failure::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let mut file = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    file.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

pub(crate) fn words() -> Result<Words> {
    Ok(Words::new()?)
}

/// Writes one PDF to `out` and says what was printed.
pub(crate) fn write_pdf(out: &Path, pdf: &reports::Pdf) -> Result<Printed> {
    write_atomically(out, &pdf.bytes)?;
    Ok(Printed {
        files: vec![out.to_path_buf()],
        pages: pdf.pages,
        bytes: pdf.bytes.len() as u64,
    })
}

/// A part of a file name from anything people typed: ASCII letters, digits, '-' and '_'.
pub(crate) fn file_stem(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A report card's file name from the student's admission number.
fn file_name(admission_number: &str) -> String {
    format!("report-card-{}.pdf", file_stem(admission_number))
}

impl App {
    /// A term of the current year by number ("1"), English or Arabic name, or id.
    pub fn term(&self, key: &str) -> Result<Term> {
        let year = self.current_year()?;
        let key = western_digits(key.trim());
        let terms = self.store.terms(year.id)?;
        terms
            .into_iter()
            .find(|t| {
                t.ordinal.to_string() == key
                    || t.name_en.eq_ignore_ascii_case(&key)
                    || t.name_ar == key
                    || t.id.to_string() == key
            })
            .ok_or_else(|| Failure::UnknownTerm(key.chars().take(60).collect()))
    }

    /// The report cards of a classroom's term, ready to lay out.
    pub fn report_cards(
        &self,
        actor: &Actor,
        classroom: Uuid,
        term: &str,
        issued_on: NaiveDate,
    ) -> Result<reports::ReportCards> {
        self.allow(actor, Action::PrintReports, Target::classroom(classroom))?;
        let term = self.term(term)?;
        cards_of(
            &self.store.classroom_term(classroom, term.id)?,
            issued_on,
            None,
        )
    }

    /// One student's report card for a term (of the classroom they were in, ranked in it).
    pub fn report_card(
        &self,
        actor: &Actor,
        student: &str,
        term: &str,
        issued_on: NaiveDate,
    ) -> Result<reports::ReportCards> {
        let student = self.find_student(student)?;
        let term = self.term(term)?;
        let enrollment = self
            .store
            .find::<Enrollment>(Enrollment::natural_id(student.id, term.year_id))?
            .ok_or_else(|| DomainError::NotEnrolled {
                student: student.admission_number.clone(),
                classroom: "—".into(),
                date: term.start_date,
            })?;
        self.allow(
            actor,
            Action::PrintReports,
            Target {
                classroom: Some(enrollment.classroom_id),
                subject: None,
                student: Some(student.id),
            },
        )?;
        let data = self
            .store
            .classroom_term(enrollment.classroom_id, term.id)?;
        cards_of(&data, issued_on, Some(student.id))
    }

    /// Prints the classroom's cards into one PDF, a page per student: into `out`, or when
    /// none is given into the data folder's `printed/`.
    pub fn print_report_cards(
        &self,
        actor: &Actor,
        classroom: Uuid,
        term: &str,
        issued_on: NaiveDate,
        out: Option<&Path>,
    ) -> Result<Printed> {
        let cards = self.report_cards(actor, classroom, term, issued_on)?;
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => {
                let classroom: Classroom = self.store.get(classroom)?;
                self.printed_dir()?.join(format!(
                    "report-cards-{}-term-{}.pdf",
                    file_stem(&classroom.name_en),
                    file_stem(&western_digits(term.trim()))
                ))
            }
        };
        let pdf = reports::report_cards(&cards, &words()?)?;
        write_pdf(&out, &pdf)
    }

    /// Prints the classroom's cards as one PDF per student in `out_dir`, named by admission
    /// number.
    pub fn print_report_card_files(
        &self,
        actor: &Actor,
        classroom: Uuid,
        term: &str,
        issued_on: NaiveDate,
        out_dir: &Path,
    ) -> Result<Printed> {
        let cards = self.report_cards(actor, classroom, term, issued_on)?;
        let files = reports::report_card_files(&cards, &words()?)?;
        let mut printed = Printed {
            files: Vec::new(),
            pages: 0,
            bytes: 0,
        };
        for (card, pdf) in cards.cards.iter().zip(files) {
            let path = out_dir.join(file_name(&card.admission_number));
            let one = write_pdf(&path, &pdf)?;
            printed.files.extend(one.files);
            printed.pages += one.pages;
            printed.bytes += one.bytes;
        }
        Ok(printed)
    }

    pub fn print_report_card(
        &self,
        actor: &Actor,
        student: &str,
        term: &str,
        issued_on: NaiveDate,
        out: &Path,
    ) -> Result<Printed> {
        let cards = self.report_card(actor, student, term, issued_on)?;
        let pdf = reports::report_cards(&cards, &words()?)?;
        write_pdf(out, &pdf)
    }

    /// A fee receipt, by receipt number or payment id: into `out`, or when none is given
    /// into the data folder's `printed/`.
    pub fn print_receipt(
        &self,
        actor: &Actor,
        payment: &str,
        out: Option<&Path>,
    ) -> Result<Printed> {
        self.allow(actor, Action::ManageFees, Target::default())?;
        let key = payment.trim();
        let found = match Uuid::parse_str(key) {
            Ok(id) => self.store.find::<Payment>(id)?,
            Err(_) => self.store.payment_by_receipt_number(key)?,
        };
        let payment = found.ok_or_else(|| daftar_store::StoreError::NotFound {
            entity: "payments",
            id: key.chars().take(60).collect(),
        })?;
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => self.printed_dir()?.join(format!(
                "receipt-{}.pdf",
                file_stem(&payment.receipt_number)
            )),
        };
        let receipt = receipt_of(&self.store.payment_receipt(payment.id)?)?;
        let pdf = reports::receipt(&receipt, &words()?)?;
        write_pdf(&out, &pdf)
    }

    /// An invoice as a tax invoice (the school's tax registration number, each line's VAT,
    /// the VAT by rate, the total in words in both languages, and for a Saudi school the
    /// simplified invoice's QR code): into `out`, or the data folder's `printed/`.
    pub fn print_tax_invoice(
        &self,
        actor: &Actor,
        number: &str,
        out: Option<&Path>,
    ) -> Result<Printed> {
        let detail = self.invoice(actor, number)?;
        let school = self.school()?;
        let student: Student = self.store.get(detail.invoice.student_id)?;
        let guardian = self
            .store
            .student_detail(student.id)?
            .guardians
            .into_iter()
            .next()
            .map(|g| Bilingual::new(&g.guardian.name_ar, &g.guardian.name_en));
        let invoice = &detail.invoice;
        let lines: Vec<reports::TaxLine> = if detail.lines.is_empty() {
            // An invoice of its own (no plan): one line, outside VAT.
            vec![reports::TaxLine {
                name: Bilingual::new(&invoice.description, &invoice.description),
                gross: invoice.amount,
                discount: 0,
                net: invoice.amount - invoice.vat_amount,
                vat_bp: 0,
                exempt: invoice.vat_amount == 0,
                vat: invoice.vat_amount,
                total: invoice.amount,
            }]
        } else {
            detail
                .lines
                .iter()
                .map(|l| reports::TaxLine {
                    name: Bilingual::new(&l.name_ar, &l.name_en),
                    gross: l.gross,
                    discount: l.discount,
                    net: l.net,
                    vat_bp: l.vat_bp,
                    exempt: l.vat == VatCategory::Exempt,
                    vat: l.vat_amount,
                    total: l.total,
                })
                .collect()
        };
        // The plain decimal ZATCA reads: 9575.00.
        let plain = |minor: i64| {
            reports::grading::money(minor, school.currency_minor_digits).replace(',', "")
        };
        let qr = match (
            &school.tax_number,
            school.country.eq_ignore_ascii_case("sa"),
        ) {
            (Some(trn), true) => Some(reports::amounts::zatca_qr_payload(
                &school.name_ar,
                trn,
                &format!("{}T00:00:00Z", invoice.issued_on.format("%Y-%m-%d")),
                &plain(invoice.amount),
                &plain(invoice.vat_amount),
            )),
            _ => None,
        };
        let document = reports::TaxInvoice {
            school: school_header(&school)?,
            tax_number: school.tax_number.clone(),
            address: school.address.clone(),
            number: invoice.number.clone(),
            issued_on: invoice.issued_on,
            due_on: invoice.due_on,
            student_name: Bilingual::new(&student.name_ar, &student.name_en),
            admission_number: student.admission_number.clone(),
            guardian,
            lines,
            credited: detail.credited,
            paid: detail.paid,
            voided: invoice.voided_on.is_some(),
            qr,
        };
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => self
                .printed_dir()?
                .join(format!("invoice-{}.pdf", file_stem(&invoice.number))),
        };
        let pdf = reports::tax_invoice(&document, &words()?)?;
        write_pdf(&out, &pdf)
    }

    /// A classroom's attendance register for a month ("YYYY-MM"), to `out` or, by
    /// default, the data folder's `printed` folder.
    pub fn print_register(
        &self,
        actor: &Actor,
        classroom: Uuid,
        month: &str,
        out: Option<&Path>,
    ) -> Result<Printed> {
        self.allow(actor, Action::PrintReports, Target::classroom(classroom))?;
        let data = self.month_of(classroom, month)?;
        let register = register_of(&data)?;
        let out = match out {
            Some(out) => out.to_path_buf(),
            None => self.printed_dir()?.join(format!(
                "register-{}-{}.pdf",
                file_stem(&data.classroom.name_en),
                data.first_day.format("%Y-%m")
            )),
        };
        let pdf = reports::register(&register, &words()?)?;
        write_pdf(&out, &pdf)
    }

    /// A classroom's month of attendance as a spreadsheet (`.xlsx`, else CSV): a row per
    /// student, a column per school day, each mark as its letter in the person's language
    /// (P A L E, or ح غ م ع); the rows written.
    pub fn export_month_attendance(
        &self,
        actor: &Actor,
        classroom: Uuid,
        month: &str,
        out: &Path,
    ) -> Result<usize> {
        use crate::spreadsheet::Cell;
        self.allow(actor, Action::TakeAttendance, Target::classroom(classroom))?;
        let data = self.month_of(classroom, month)?;
        let arabic = self.messages.lang() == "ar";
        let letter = |status: AttendanceStatus| {
            let (en, ar) = match status {
                AttendanceStatus::Present => ("P", "ح"),
                AttendanceStatus::Absent => ("A", "غ"),
                AttendanceStatus::Late => ("L", "م"),
                AttendanceStatus::Excused => ("E", "ع"),
            };
            if arabic { ar } else { en }.to_string()
        };
        let marks = marks_by_day(&data);
        let mut header: Vec<String> = ["admission_number", "name_ar", "name_en"]
            .map(str::to_string)
            .to_vec();
        header.extend(data.school_days.iter().map(|d| d.to_string()));
        header.extend(["absent", "late"].map(str::to_string));
        let rows: Vec<Vec<Cell>> = data
            .students
            .iter()
            .map(|s| {
                let mut row = vec![
                    Cell::Text(s.admission_number.clone()),
                    Cell::Text(s.name_ar.clone()),
                    Cell::Text(s.name_en.clone()),
                ];
                let day_marks: Vec<Option<AttendanceStatus>> = data
                    .school_days
                    .iter()
                    .map(|day| marks.get(&(s.id, *day)).copied())
                    .collect();
                row.extend(
                    day_marks
                        .iter()
                        .map(|m| Cell::Text(m.map(letter).unwrap_or_default())),
                );
                let count = |wanted| day_marks.iter().filter(|m| **m == Some(wanted)).count();
                row.push(Cell::Number(count(AttendanceStatus::Absent) as f64));
                row.push(Cell::Number(count(AttendanceStatus::Late) as f64));
                row
            })
            .collect();
        let name = if arabic {
            &data.classroom.name_ar
        } else {
            &data.classroom.name_en
        };
        let sheet = format!("{name} {}", data.first_day.format("%Y-%m"));
        crate::spreadsheet::write_table(out, &sheet, &header, &rows, arabic)?;
        Ok(rows.len())
    }

    /// A classroom's month ("YYYY-MM") of its year, from the month the year starts in to
    /// the one it ends in.
    fn month_of(&self, classroom: Uuid, month: &str) -> Result<ClassroomMonth> {
        let classroom: Classroom = self.store.get(classroom)?;
        let first_day = parse_month(month)?;
        let year: AcademicYear = self.store.get(classroom.year_id)?;
        if first_day > year.end_date
            || first_day < year.start_date.with_day(1).unwrap_or(year.start_date)
        {
            return Err(DomainError::DateOutsideYear {
                date: first_day,
                year: year.name.clone(),
            }
            .into());
        }
        Ok(self.store.classroom_month(classroom.id, first_day)?)
    }

    pub(crate) fn printed_dir(&self) -> Result<PathBuf> {
        self.folder(PRINTED_DIR)
    }

    /// A folder of the data folder's (`printed`, `exports`), made if need be.
    pub(crate) fn folder(&self, name: &str) -> Result<PathBuf> {
        let dir = self.data_dir.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| Failure::Io {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?;
        Ok(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_file_names() {
        assert_eq!(
            parse_month("2026-11").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
        );
        assert_eq!(
            parse_month("٢٠٢٦-٠٣").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        for bad in ["2026-13", "November", "2026/11", ""] {
            assert!(
                matches!(parse_month(bad), Err(Failure::InvalidMonth(_))),
                "{bad}"
            );
        }
        assert_eq!(file_name("2025/0042 ب"), "report-card-2025_0042__.pdf");
    }
}
