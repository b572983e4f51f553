"""The main navigation, in order: (label, URL name, named permission). Each app adds its pages here."""

from django.utils.translation import gettext_lazy as _

# Kept short: bell schedules are reached from Students, nominations from Recruitment. On a 1280 px laptop the longest
# menus (the coordinator's and the principal's) wrap onto a second line in the bar rather than widen the page.
NAVIGATION = (
    (_("Dashboard"), "dashboard", "view_dashboard"),
    (_("My students"), "my_students", "view_caseload"),
    (_("District"), "district_overview", "view_district"),
    (_("Programs"), "programs:list", "view_programs"),
    (_("Students"), "student_list", "view_roster"),
    (_("Recruitment"), "recruitment:campaign_list", "view_recruitment"),
    (_("Matches"), "recruitment:matching_programs", "view_recruitment"),
    (_("Orientation"), "orientation:index", "view_orientations"),
    # A peer's or student's own page of the topics shown to peers (staff read the library instead).
    (_("Topics"), "orientation:peer_topics", "view_own_orientations"),
    (_("Activities"), "activities:index", "view_activities"),
    # A peer's or student's own activities and sign-up (staff plan the school's on the list above).
    (_("Activities"), "activities:mine", "view_own_activities"),
    # A peer's or student's own service hours and their claims for work outside school.
    (_("My hours"), "activities:my_hours", "claim_service_hours"),
    # Peer journals (the daily-period model): a peer's own journal; the staff who read journals, every program's.
    (_("My journal"), "activities:my_journal", "write_peer_journal"),
    (_("Journals"), "activities:journal_index", "read_peer_journals"),
    # Evaluating outcomes: each program's surveys, goal attainment, friendship map and pair health, for its leads.
    (_("Outcomes"), "evaluation:index", "view_survey_results"),
    (_("Staff"), "staff_list", "view_staff"),
    (_("Records"), "privacy:requests", "manage_records"),
    (_("Access log"), "access_log", "view_access_log"),
)

# The public pages a visitor who is not signed in can use (shown on the home page): (label, URL name).
# Listed here, at project level, so the core app's home page links to a domain app without importing it.
PUBLIC_LINKS = ((_("Join a program at your school"), "recruitment:join"),)
