//! `daftar years` and `daftar classrooms`: the school's academic years with their terms and
//! holidays, and the current year's classrooms the actor works with.

use clap::Subcommand;

use crate::{Context, out};

#[derive(Debug, Subcommand)]
pub enum ListOnly {
    List,
}

pub fn years(cx: &mut Context, _: &ListOnly) -> anyhow::Result<()> {
    let years = cx.app.call(|a| a.years())?;
    cx.out.show(&years, |o| {
        for y in &years {
            let current = if y.year.is_current {
                format!(" ({})", o.t("cli-current", &[]))
            } else {
                String::new()
            };
            out!(
                "{}{current}  {} → {}  {}: {}  {}: {}",
                y.year.name,
                y.year.start_date,
                y.year.end_date,
                o.t("cli-week", &[]),
                y.year.school_week,
                o.t("cli-school-days", &[]),
                y.school_days
            );
            for term in &y.terms {
                out!(
                    "  {}. {}  {} → {}",
                    term.ordinal,
                    o.name(&term.name_ar, &term.name_en),
                    term.start_date,
                    term.end_date
                );
            }
            for h in &y.holidays {
                out!(
                    "  - {}  {} → {}",
                    o.name(&h.name_ar, &h.name_en),
                    h.start_date,
                    h.end_date
                );
            }
        }
    })
}

pub fn classrooms(cx: &mut Context, _: &ListOnly) -> anyhow::Result<()> {
    let actor = cx.actor;
    let rooms = cx.app.call(|a| a.classrooms(&actor))?;
    cx.out.show(&rooms, |o| {
        for r in &rooms {
            let teacher = r
                .homeroom_teacher
                .as_ref()
                .map_or("", |s| o.name(&s.name_ar, &s.name_en));
            out!(
                "{:<6} {:<8} {:<12} {:>3}  {}",
                r.classroom.name_en,
                r.classroom.name_ar,
                o.name(&r.grade.name_ar, &r.grade.name_en),
                r.students,
                teacher
            );
        }
    })
}
