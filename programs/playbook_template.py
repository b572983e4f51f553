"""The year of a peer partner program, step by step, as plain data: what a new program's playbook is generated from.

The steps and their wording follow the guide "Peer Partner Programs" (its planning, "Preparing Peers" and
"Sustaining and Expanding" sections): the core planning team meets, presents the plan to the faculty, recruits and
selects peers, holds orientation meetings, starts the activities, checks in mid-year, gathers reflections,
celebrates and reports, then renews consents and plans the next year. The dates are defaults each coordinator
shifts: a number of days after (negative: before) the first or the last day of the school year.
"""

from dataclasses import dataclass

START = "start"
END = "end"


@dataclass(frozen=True)
class TemplateStep:
    key: str
    title: str
    description: str
    anchor: str  # START or END of the school year
    offset_days: int
    # The page where the step is done: a URL name, resolved with the program's pk when it takes one.
    link_name: str = ""


GUIDE_STEPS: tuple[TemplateStep, ...] = (
    TemplateStep(
        "planning_team_meets",
        "The core planning team meets",
        "Define the purpose of the program, its core components, the resources and staff it needs and any "
        "potential challenges.",
        START, -28, "programs:meetings",
    ),
    TemplateStep(
        "faculty_presentation",
        "Present the plan to the school faculty",
        "Discuss the plan with the entire faculty for broad understanding and support, incorporate their "
        "suggestions, and prepare any required district approvals.",
        START, -14, "programs:approvals",
    ),
    TemplateStep(
        "recruitment",
        "Recruit peers",
        "Invite students who are interested in getting to know their schoolmates and available for the "
        "activities.",
        START, 7, "recruitment:campaign_list",
    ),
    TemplateStep(
        "selection",
        "Select and match peers",
        "Choose peers from among those who volunteer and pair them with the students they will support.",
        START, 21, "recruitment:matching",
    ),
    TemplateStep(
        "orientation",
        "Hold orientation meetings",
        "Equip peers with clear guidance before they begin, tailored to the students they will support.",
        START, 28, "orientation:list",
    ),
    TemplateStep(
        "start_of_activities",
        "Start the activities",
        "Students and peers begin spending time together in the ways the team planned.",
        START, 35, "programs:participants",
    ),
    TemplateStep(
        "mid_year_check",
        "Mid-year check",
        "The planning team reviews how the program is going: emerging issues, what to refine, follow-up meetings "
        "with peers.",
        START, 130, "programs:meetings",
    ),
    TemplateStep(
        "reflections",
        "Gather reflections",
        "Ask peers, students and staff about their experiences and what the program has meant to them.",
        END, -30,
    ),
    TemplateStep(
        "celebration_and_report",
        "End-of-year celebration and report",
        "Celebrate the year together and report to the principal and the school community what was achieved.",
        END, -10, "programs:detail",
    ),
    TemplateStep(
        "renewal_and_next_year",
        "Renew consents and plan for next year",
        "Ask families to renew their consent, and plan next year's program: strengthen recruitment, improve "
        "orientation meetings, expand inclusive opportunities, find any needed funding.",
        END, -5, "programs:playbook",
    ),
)


# The guide's questions for the planning team, offered by the meeting-agenda builder. From its planning section (the
# team identifies potential challenges) and "Sustaining and Expanding" (strategies for strengthening recruitment,
# improving orientation meetings, expanding inclusive opportunities, finding needed funding; inviting students' input).
TEAM_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("challenges", "What challenges do you anticipate, and how will we meet them?"),
    ("recruitment", "How can we strengthen recruitment?"),
    ("orientation", "How can we improve orientation meetings?"),
    ("inclusive", "What inclusive opportunities could we add at the school?"),
    ("funding", "What funding do we need, and where could it come from?"),
    ("students_voice", "How are we inviting the input of students with and without disabilities?"),
    ("principal", "What resources and staff time do we need from the principal?"),
    ("feedback", "What feedback have participating students and staff given, and what should we refine?"),
)
