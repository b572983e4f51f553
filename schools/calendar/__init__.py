"""A school's calendar of non-school days (holidays, breaks, teacher work days): the pages that list, add, delete
and import them (CSV or a district's ICS calendar), and the registry that lets the apps with scheduled rows
(activities) follow a day added after they were scheduled."""
