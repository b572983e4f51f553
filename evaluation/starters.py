"""The surveys every program starts with, as plain data (``evaluation.surveys.services.surveys_ensure`` copies them
into a program once; coordinators then edit their copy).

The reflections are the guide's Figure 2, "Example Reflection Questions" ("A Guide to Implementing Peer Partner
Programs", TIES Peer Engagement Practice Guides, in ../shared/domain; credited on every survey page): the eight
questions "For Peers" in the guide's words, and the seven "For Students with Disabilities" rewritten as the
accessible version asks them: plain words, the present tense, questions rather than statements, each answered yes /
a little / no or yes / no (with an optional "why"), a practice question first and one question asked both ways (the
agreement check). The staff's school-culture survey follows the guide's "For Others"; the "was it worth it?" (social
validity) and exit surveys ask what the guide's "Sustaining and Expanding" asks of students, staff and families: was
it worth it, would you do it again, what should change.
"""

from dataclasses import dataclass, field

from .models import AnswerType, Audience, SurveyKind

TEXT, CHOICE, SCALE3, YES_NO = AnswerType.TEXT, AnswerType.CHOICE, AnswerType.SCALE3, AnswerType.YES_NO

# Where the reflections come from, shown on the survey pages.
FIGURE_2_CREDIT = (
    "Questions adapted from Figure 2, \u201cExample Reflection Questions\u201d, in \u201cA Guide to Implementing "
    "Peer Partner Programs\u201d (TIES Peer Engagement Practice Guides)."
)


@dataclass(frozen=True)
class StarterQuestion:
    text: str
    answer_type: str = TEXT
    choices: tuple[str, ...] = ()
    asks_why: bool = False
    is_practice: bool = False
    agreement_key: str = ""
    reverse_keyed: bool = False


@dataclass(frozen=True)
class StarterSurvey:
    key: str
    kind: str
    audience: str
    title: str
    introduction: str
    questions: tuple[StarterQuestion, ...] = field(default_factory=tuple)


Q = StarterQuestion

WELCOMING = ("Very welcoming", "Somewhat welcoming", "Not very welcoming", "Not sure")
RECEPTIVE = ("Very receptive", "Somewhat receptive", "Not very receptive", "Not sure")

STARTERS: tuple[StarterSurvey, ...] = (
    StarterSurvey(
        key="reflection_peer",
        kind=SurveyKind.REFLECTION,
        audience=Audience.PEER,
        title="Reflection for peer partners",
        introduction="A few questions about your time as a peer partner. There are no right or wrong answers.",
        questions=(
            Q("How would you describe your experiences so far?"),
            Q("Did you enjoy serving in this role? In what ways?", SCALE3, asks_why=True),
            Q("What things have been going really well? Not so well?"),
            Q("In what ways have you benefited personally from your involvement?"),
            Q("What changes have you noticed in [name of student]?"),
            Q("Has this been a beneficial experience for [name of student]?", SCALE3, asks_why=True),
            Q("Do you consider [name of student] to be a friend?", YES_NO, asks_why=True),
            Q("What additional help would you like to be effective in this role?"),
        ),
    ),
    StarterSurvey(
        key="reflection_student",
        kind=SurveyKind.REFLECTION,
        audience=Audience.FOCUS_STUDENT,
        title="Reflection for students",
        introduction="Some questions about you and your peer partners. You can say yes, a little or no.",
        questions=(
            Q("Let's practise. Is a dog an animal?", YES_NO, is_practice=True),
            Q("Do you like spending time with [names of peers]?", SCALE3, asks_why=True, agreement_key="enjoy"),
            Q("What do you do together?"),
            Q("Do you like working together?", SCALE3, asks_why=True),
            Q("Is there something you do not like?", YES_NO, asks_why=True),
            Q("Do you learn new things with [names of peers]?", SCALE3, asks_why=True),
            Q("Do you think [names of peers] and you are friends?", YES_NO),
            Q("Do you want to keep spending time with [names of peers]?", YES_NO, asks_why=True),
            Q(
                "Is spending time with [names of peers] boring?",
                SCALE3,
                agreement_key="enjoy",
                reverse_keyed=True,
            ),
        ),
    ),
    StarterSurvey(
        key="culture_staff",
        kind=SurveyKind.SCHOOL_CULTURE,
        audience=Audience.STAFF,
        title="School culture (staff)",
        introduction=(
            "How is our school changing as students with significant cognitive disabilities take a greater part in "
            "everyday school life? Five short questions."
        ),
        questions=(
            Q("How welcoming are peers without disabilities toward students with disabilities?", CHOICE, WELCOMING),
            Q("Have you seen peers' attitudes or actions become more welcoming and affirming? An example helps."),
            Q(
                "How receptive are general educators to including students with disabilities in their classes?",
                CHOICE,
                RECEPTIVE,
            ),
            Q(
                "Do students with significant disabilities have a greater presence in everyday school activities "
                "than last year?",
                CHOICE,
                ("Yes, more", "About the same", "Less", "Not sure"),
            ),
            Q("What else have you noticed about how our school culture is changing?"),
        ),
    ),
    StarterSurvey(
        key="worth_peer",
        kind=SurveyKind.SOCIAL_VALIDITY,
        audience=Audience.PEER,
        title="Was it worth it? (peer partners)",
        introduction="The term is ending. Three questions to help us make the program better.",
        questions=(
            Q("Was being a peer partner worth your time?", SCALE3, asks_why=True),
            Q("Would you do it again?", YES_NO, asks_why=True),
            Q("What should change?"),
        ),
    ),
    StarterSurvey(
        key="worth_student",
        kind=SurveyKind.SOCIAL_VALIDITY,
        audience=Audience.FOCUS_STUDENT,
        title="Was it worth it? (students)",
        introduction="The term is ending. Three questions about the program.",
        questions=(
            Q("Let's practise. Is the sky blue?", YES_NO, is_practice=True),
            Q("Do you like the program?", SCALE3, asks_why=True),
            Q("Do you want to do it again?", YES_NO, asks_why=True),
            Q("Is there something you want to change?", YES_NO, asks_why=True),
        ),
    ),
    StarterSurvey(
        key="worth_staff",
        kind=SurveyKind.SOCIAL_VALIDITY,
        audience=Audience.STAFF,
        title="Was it worth it? (staff)",
        introduction="The term is ending. Three questions to help the planning team refine the program.",
        questions=(
            Q("Was the program worth the time it took?", SCALE3, asks_why=True),
            Q("Would you take part again?", YES_NO, asks_why=True),
            Q("What should change?"),
        ),
    ),
    StarterSurvey(
        key="worth_family",
        kind=SurveyKind.SOCIAL_VALIDITY,
        audience=Audience.FAMILY,
        title="Was it worth it? (families)",
        introduction="Your child took part in our peer partner program this term. Three questions; thank you.",
        questions=(
            Q("Was the program worth it for your child?", SCALE3, asks_why=True),
            Q("Would you want your child to take part again?", YES_NO, asks_why=True),
            Q("What should change?"),
        ),
    ),
    StarterSurvey(
        key="exit_peer",
        kind=SurveyKind.EXIT,
        audience=Audience.PEER,
        title="When a partnership ends (peer partners)",
        introduction="Your time as partners with [name of student] is ending. Four quick questions.",
        questions=(
            Q("How did being partners with [name of student] go?", SCALE3, asks_why=True),
            Q("Do you still spend time with [name of student]?", YES_NO),
            Q(
                "Why is it ending?",
                CHOICE,
                ("My schedule changed", "The program or term ended", "It was not working out", "Something else"),
            ),
            Q("Is there anything you want to tell staff?"),
        ),
    ),
    StarterSurvey(
        key="exit_student",
        kind=SurveyKind.EXIT,
        audience=Audience.FOCUS_STUDENT,
        title="When a partnership ends (students)",
        introduction="Some questions about your time with [names of peers].",
        questions=(
            Q("Let's practise. Is a dog an animal?", YES_NO, is_practice=True),
            Q("Did you like spending time with [names of peers]?", SCALE3, asks_why=True),
            Q("Do you want to keep seeing [names of peers]?", YES_NO),
            Q("Do you want a new peer partner?", YES_NO),
        ),
    ),
)

BY_KEY = {starter.key: starter for starter in STARTERS}
