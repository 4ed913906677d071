# The analytics views: their names, filters, charts, tables and columns (the window, the
# CLI's `daftar report`, and the exported .xlsx and PDF).
analytics-view-attendance = Attendance
analytics-view-marks = Marks
analytics-view-fees = Fees
analytics-view-enrollment = Enrollment
analytics-filter-year = Year
analytics-filter-dates = Dates
analytics-filter-term = Term
analytics-filter-grade = Grade
analytics-filter-classroom = Classroom
analytics-filter-subject = Subject
analytics-empty = Nothing to show for these filters.

analytics-chart-attendance-groups = Attendance rate
analytics-chart-attendance-weeks = Attendance by week
analytics-chart-attendance-weekdays = Absence and lateness by weekday
analytics-chart-marks-groups = Average against the grade
analytics-chart-marks-subjects = Spread of marks by subject
analytics-chart-marks-histogram = Marks by band of ten
analytics-chart-fees-months = Billed and collected by month
analytics-chart-fees-aging = Outstanding by days overdue
analytics-chart-fees-groups = Collected and outstanding
analytics-chart-enrollment-groups = Students against capacity
analytics-chart-enrollment-months = Admissions and withdrawals
analytics-chart-enrollment-nationalities = Nationalities
analytics-chart-glance-weeks = Attendance, last 4 weeks
analytics-chart-glance-fees = Fees this term

analytics-table-attendance-groups = Attendance
analytics-table-attendance-weeks = By week
analytics-table-attendance-weekdays = By weekday
analytics-table-attendance-chronic = Chronic absence
analytics-table-attendance-late = Often late
analytics-table-marks-groups = Against the grade
analytics-table-marks-subjects = Subjects
analytics-table-marks-at-risk = Students at risk
analytics-table-marks-top = Top students
analytics-table-marks-assessments = Assessments
analytics-table-fees-months = By month
analytics-table-fees-aging = Aging
analytics-table-fees-groups = Collection
analytics-table-fees-overdue = 60+ days overdue
analytics-table-enrollment-groups = Enrollment
analytics-table-enrollment-nationalities = Nationalities
analytics-table-enrollment-months = Admissions and withdrawals

analytics-col-level = Group
analytics-col-grade = Grade
analytics-col-classroom = Classroom
analytics-col-student = Student
analytics-col-admission = Admission no.
analytics-col-present = Present
analytics-col-absent = Absent
analytics-col-late = Late
analytics-col-excused = Excused
analytics-col-rate = Attendance %
analytics-col-week = Week of
analytics-col-weekday = Weekday
analytics-col-days = Days recorded
analytics-col-missed = Days missed
analytics-col-missed-share = Missed %
analytics-col-average = Average %
analytics-col-previous = Last term %
analytics-col-failing = Subjects below pass
analytics-col-subject = Subject
analytics-col-grade-average = Grade average %
analytics-col-difference = Difference
analytics-col-students = Students
analytics-col-count = Marks
analytics-col-marks = Marks
analytics-col-mean = Mean
analytics-col-min = Lowest
analytics-col-q1 = Lower quartile
analytics-col-median = Median
analytics-col-q3 = Upper quartile
analytics-col-max = Highest
analytics-col-assessment = Assessment
analytics-col-date = Date
analytics-col-month = Month
analytics-col-billed = Billed
analytics-col-collected = Collected
analytics-col-outstanding = Outstanding
analytics-col-overdue = Overdue
analytics-col-amount = Amount
analytics-col-collected-share = Collected %
analytics-col-bucket = Days overdue
analytics-col-invoices = Invoices
analytics-col-invoice = Invoice
analytics-col-due = Due
analytics-col-days-overdue = Days overdue
analytics-col-male = Boys
analytics-col-female = Girls
analytics-col-capacity = Capacity
analytics-col-capacity-use = Capacity used %
analytics-col-nationality = Nationality
analytics-col-admitted = Admitted
analytics-col-withdrawn = Withdrawn

analytics-weekday = { $day ->
    [0] Sunday
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
   *[6] Saturday
}
analytics-bucket = { $bucket ->
    [0] Not yet due
    [1] 1–30 days
    [2] 31–60 days
    [3] 61–90 days
   *[4] Over 90 days
}
