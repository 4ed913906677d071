//! An analytics view printed: its title and filters, each chart drawn as vector bars or
//! box plots (mirrored for Arabic: the first category on the right, the axis on the
//! right), and each table over as many pages as it needs, in the reader's language.

use crate::layout::{Frame, dir};
use crate::model::{Lang, SchoolHeader};
use crate::pdf::{ACCENT, Align, BLACK, Fonts, GREY, Page, RULE, Rgb8, SHADE};
use crate::text::Style;

const MARGIN: f32 = 36.0;
const CHART_HEIGHT: f32 = 200.0;
const ROW: f32 = 15.0;
/// The series' colours, in order: the school green, amber, blue, grey.
const PALETTE: [Rgb8; 4] = [
    ACCENT,
    Rgb8(0xc2, 0x7c, 0x0e),
    Rgb8(0x2b, 0x6c, 0xb0),
    Rgb8(0x8a, 0x8a, 0x8a),
];

/// A chart to draw: categories in reading order and a value per series in each, or the
/// five numbers of a box plot per category.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartDrawing {
    pub title: String,
    pub boxes: bool,
    /// Values are percentages: the axis runs to 100.
    pub percent: bool,
    pub labels: Vec<String>,
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// min, q1, median, q3, max per category, for box plots.
    pub five: Vec<[f64; 5]>,
}

/// A table to print: its cells already written as they read.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDrawing {
    pub title: String,
    pub header: Vec<String>,
    /// Which columns hold figures (centred) rather than text.
    pub figures: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// Shown in place of rows when there are none.
    pub empty: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnalyticsReport {
    /// The school, with `primary` the reader's language.
    pub school: SchoolHeader,
    pub title: String,
    /// (label, value) lines under the title: the filters.
    pub facts: Vec<(String, String)>,
    pub charts: Vec<ChartDrawing>,
    pub tables: Vec<TableDrawing>,
}

/// A ceiling for the axis: 1, 2 or 5 times a power of ten, at or above `max`.
pub fn axis_top(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|top| *top >= max)
        .unwrap_or(10.0 * power)
}

fn figure(value: f64) -> String {
    if value.fract() == 0.0 || value.abs() >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

struct Pages<'a> {
    pages: Vec<Page>,
    page: Page,
    y: f32,
    frame: Frame,
    lang: Lang,
    fonts: &'a Fonts,
}

impl Pages<'_> {
    fn width(&self) -> f32 {
        self.page.width - 2.0 * MARGIN
    }

    /// Where content ends: above the page number.
    fn bottom(&self) -> f32 {
        self.page.height - MARGIN - 14.0
    }

    /// Makes room for `height` points, on a new page if this one is full.
    fn room(&mut self, height: f32) {
        if self.y + height > self.bottom() {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        self.pages
            .push(std::mem::replace(&mut self.page, Page::a4()));
        self.y = MARGIN;
    }

    /// Text in the reader's language and direction, at `align`, shrunk to `max` wide.
    fn put(&mut self, text: &str, style: Style, align: Align, baseline: f32, max: f32, ink: Rgb8) {
        let base = dir(self.lang);
        self.page.text(
            text,
            style,
            base,
            align,
            baseline,
            Some(max),
            ink,
            self.fonts,
        );
    }

    fn text(&mut self, text: &str, style: Style, x: f32, baseline: f32, max: f32, ink: Rgb8) {
        self.put(text, style, self.frame.at_start(x), baseline, max, ink);
    }

    fn centred(&mut self, text: &str, style: Style, x: f32, baseline: f32, max: f32, ink: Rgb8) {
        self.put(text, style, self.frame.centered(x), baseline, max, ink);
    }

    /// A box from the start side, mirrored for Arabic.
    fn rect(
        &mut self,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb8>,
        stroke: Option<(Rgb8, f32)>,
    ) {
        let left = self.frame.left(x, w);
        self.page.rect(left, top, w, h, fill, stroke);
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, ink: Rgb8, width: f32) {
        let (a, b) = (self.frame.left(x1, 0.0), self.frame.left(x2, 0.0));
        self.page.rule((a, y1), (b, y2), ink, width);
    }

    fn chart(&mut self, chart: &ChartDrawing) {
        self.room(CHART_HEIGHT + 12.0);
        let top = self.y;
        let width = self.width();
        self.text(
            &chart.title,
            Style::bold(10.0),
            MARGIN,
            top + 11.0,
            width * 0.6,
            BLACK,
        );
        // The legend at the end side of the title line.
        if !chart.boxes {
            let mut x = MARGIN + width;
            for (index, (name, _)) in chart.series.iter().enumerate().rev() {
                let w = crate::text::width(name, Style::regular(7.5), dir(self.lang)) + 16.0;
                x -= w;
                self.rect(
                    x,
                    top + 4.0,
                    8.0,
                    8.0,
                    Some(PALETTE[index % PALETTE.len()]),
                    None,
                );
                self.text(name, Style::regular(7.5), x + 11.0, top + 11.0, w, GREY);
            }
        }
        let axis = 30.0;
        let plot_x = MARGIN + axis;
        let plot_w = width - axis;
        let plot_top = top + 22.0;
        let plot_h = CHART_HEIGHT - 22.0 - 26.0;
        let plot_bottom = plot_top + plot_h;
        let max = if chart.boxes {
            chart.five.iter().map(|f| f[4]).fold(0.0, f64::max)
        } else {
            chart
                .series
                .iter()
                .flat_map(|(_, values)| values.iter().flatten().copied())
                .fold(0.0, f64::max)
        };
        let top_value = if chart.percent { 100.0 } else { axis_top(max) };
        let y_of = |v: f64| plot_bottom - (v.max(0.0) / top_value).min(1.0) as f32 * plot_h;
        for step in 0..=4 {
            let value = top_value * step as f64 / 4.0;
            let y = y_of(value);
            self.rule(plot_x, y, plot_x + plot_w, y, RULE, 0.4);
            let label = if chart.percent {
                format!("{}%", figure(value))
            } else {
                figure(value)
            };
            self.text(
                &label,
                Style::regular(6.5),
                MARGIN,
                y + 2.5,
                axis - 4.0,
                GREY,
            );
        }
        let categories = chart.labels.len().max(1);
        let slot = plot_w / categories as f32;
        let label_style = Style::regular(if categories > 12 { 5.5 } else { 7.0 });
        for (index, label) in chart.labels.iter().enumerate() {
            let x = plot_x + slot * index as f32;
            if chart.boxes {
                if let Some(f) = chart.five.get(index) {
                    let centre = x + slot / 2.0;
                    let w = (slot * 0.4).min(40.0);
                    self.rule(centre, y_of(f[0]), centre, y_of(f[4]), BLACK, 0.6);
                    for end in [f[0], f[4]] {
                        self.rule(
                            centre - w / 4.0,
                            y_of(end),
                            centre + w / 4.0,
                            y_of(end),
                            BLACK,
                            0.6,
                        );
                    }
                    let (q1, q3) = (y_of(f[1]), y_of(f[3]));
                    self.rect(
                        centre - w / 2.0,
                        q3,
                        w,
                        (q1 - q3).max(0.5),
                        Some(SHADE),
                        Some((ACCENT, 0.8)),
                    );
                    self.rule(
                        centre - w / 2.0,
                        y_of(f[2]),
                        centre + w / 2.0,
                        y_of(f[2]),
                        ACCENT,
                        1.6,
                    );
                }
            } else {
                let n = chart.series.len().max(1) as f32;
                let group = slot * 0.8;
                let bar = group / n;
                for (s, (_, values)) in chart.series.iter().enumerate() {
                    if let Some(Some(v)) = values.get(index) {
                        let h = plot_bottom - y_of(*v);
                        let bx = x + slot * 0.1 + bar * s as f32;
                        self.rect(
                            bx,
                            plot_bottom - h,
                            (bar - 1.0).max(0.5),
                            h.max(0.3),
                            Some(PALETTE[s % PALETTE.len()]),
                            None,
                        );
                        if categories <= 12 && h > 0.0 {
                            self.centred(
                                &figure(*v),
                                Style::regular(5.5),
                                bx + bar / 2.0,
                                plot_bottom - h - 2.0,
                                bar + 6.0,
                                GREY,
                            );
                        }
                    }
                }
            }
            self.centred(
                label,
                label_style,
                x + slot / 2.0,
                plot_bottom + 10.0,
                slot - 1.0,
                BLACK,
            );
        }
        self.rule(plot_x, plot_bottom, plot_x + plot_w, plot_bottom, GREY, 0.7);
        self.y = top + CHART_HEIGHT + 12.0;
    }

    fn table(&mut self, table: &TableDrawing) {
        self.room(ROW * 4.0);
        let width = self.width();
        let title_y = self.y + 11.0;
        self.text(
            &table.title,
            Style::bold(10.0),
            MARGIN,
            title_y,
            width,
            BLACK,
        );
        self.y += 18.0;
        // Text columns twice as wide as figures.
        let shares: Vec<f32> = table
            .figures
            .iter()
            .map(|figure| if *figure { 1.0 } else { 2.0 })
            .collect();
        let total: f32 = shares.iter().sum::<f32>().max(1.0);
        let cells: Vec<(f32, f32)> = shares
            .iter()
            .scan(MARGIN, |x, share| {
                let w = share / total * width;
                let cell = (*x, w);
                *x += w;
                Some(cell)
            })
            .collect();
        let head = |pages: &mut Self| {
            let y = pages.y;
            pages.rect(MARGIN, y, width, ROW + 3.0, Some(SHADE), None);
            for (title, (x, w)) in table.header.iter().zip(&cells) {
                pages.centred(
                    title,
                    Style::bold(7.0),
                    x + w / 2.0,
                    y + 11.5,
                    w - 3.0,
                    BLACK,
                );
            }
            pages.y += ROW + 3.0;
        };
        head(self);
        if table.rows.is_empty() {
            let y = self.y + 12.0;
            self.centred(
                &table.empty,
                Style::regular(8.0),
                MARGIN + width / 2.0,
                y,
                width,
                GREY,
            );
            self.y += ROW + 4.0;
        }
        for row in &table.rows {
            if self.y + ROW > self.bottom() {
                self.new_page();
                head(self);
            }
            let y = self.y;
            for ((text, figure), (x, w)) in row.iter().zip(&table.figures).zip(&cells) {
                if *figure {
                    self.centred(
                        text,
                        Style::regular(7.5),
                        x + w / 2.0,
                        y + 10.5,
                        w - 3.0,
                        BLACK,
                    );
                } else {
                    let lang = crate::layout::lang_of_text(text);
                    let align = self.frame.in_cell(lang, *x, *w, 3.0);
                    self.page.text(
                        text,
                        Style::regular(7.5),
                        dir(lang),
                        align,
                        y + 10.5,
                        Some(w - 5.0),
                        BLACK,
                        self.fonts,
                    );
                }
            }
            self.y += ROW;
            self.rule(MARGIN, self.y, MARGIN + width, self.y, RULE, 0.3);
        }
        self.y += 14.0;
    }
}

/// The pages of the report, numbered "n / N" at their foot.
pub fn draw(report: &AnalyticsReport, fonts: &Fonts) -> Vec<Page> {
    let lang = report.school.primary;
    let page = Page::a4();
    let frame = Frame::new(page.width, lang);
    let mut pages = Pages {
        pages: Vec::new(),
        page,
        y: MARGIN,
        frame,
        lang,
        fonts,
    };
    let width = pages.width();
    pages.text(
        report.school.name.get(lang),
        Style::bold(14.0),
        MARGIN,
        MARGIN + 14.0,
        width,
        BLACK,
    );
    pages.text(
        &report.title,
        Style::bold(12.0),
        MARGIN,
        MARGIN + 34.0,
        width,
        ACCENT,
    );
    let mut y = MARGIN + 50.0;
    for (label, value) in &report.facts {
        pages.text(
            &format!("{label}: {value}"),
            Style::regular(8.5),
            MARGIN,
            y,
            width,
            GREY,
        );
        y += 12.0;
    }
    pages
        .page
        .rule((MARGIN, y), (pages.page.width - MARGIN, y), ACCENT, 1.0);
    pages.y = y + 10.0;
    for chart in &report.charts {
        pages.chart(chart);
    }
    for table in &report.tables {
        pages.table(table);
    }
    let mut all = pages.pages;
    all.push(pages.page);
    let count = all.len();
    for (index, page) in all.iter_mut().enumerate() {
        let centre = page.width / 2.0;
        let baseline = page.height - MARGIN + 4.0;
        page.text(
            &format!("{} / {count}", index + 1),
            Style::regular(7.0),
            dir(lang),
            crate::pdf::Align::Center(centre),
            baseline,
            None,
            GREY,
            fonts,
        );
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(axis_top(0.0), 1.0);
        assert_eq!(axis_top(7.0), 10.0);
        assert_eq!(axis_top(13.0), 20.0);
        assert_eq!(axis_top(420.0), 500.0);
        assert_eq!(axis_top(5000.0), 5000.0);
        assert_eq!(axis_top(5001.0), 10000.0);
    }
}
