# What guardians receive, by SMS and email (crates/notify). Plain text: no markup.
notify-absence-subject = { $student } was absent today
notify-absence = { $school }: { $student } ({ $classroom }) was marked absent on { $date }. If this is not right, please call the school.
notify-late-subject = { $student } was late today
notify-late = { $school }: { $student } ({ $classroom }) arrived late on { $date }.
notify-fee-due-subject = Fees due on { $date }
notify-fee-due = { $school }: invoice { $invoice } for { $student }, { $amount }, is due on { $date }.
notify-fee-overdue-subject = Fees overdue: invoice { $invoice }
notify-fee-overdue = { $school }: invoice { $invoice } for { $student }, { $amount }, was due on { $date }, { $days ->
    [one] one day ago
   *[other] { $days } days ago
}. Please pay it or call the office.
notify-report-cards-subject = Report cards for { $term } are ready
notify-report-cards = { $school }: { $student }'s report card for { $term } is ready.
notify-announcement-subject = { $title }
notify-announcement = { $school }: { $title }. { $body }
notify-digest-subject = { $school }: today's news
notify-digest = { $school }: { $count ->
    [one] one message
   *[other] { $count } messages
} for you on { $date }.
notify-unsubscribe = Stop these messages
notify-digest-more = { $count ->
    [one] and one more
   *[other] and { $count } more
}
# The page an email's unsubscribe link opens.
notify-unsubscribe-ask = Stop the emails { $school } sends you?
notify-unsubscribe-button = Stop them
notify-unsubscribe-done = You will receive no more emails from { $school }. The office can turn them on again.
