"""The demo district used by ``seed_demo``: the schools of the guide's case applications and believable people.

Each domain app has a ``demo.py`` with a ``seed(*, password)`` function; ``seed_demo`` runs them in the order of
``settings.DEMO_SEEDERS``. Every seed is idempotent: it updates what is there.
"""

import datetime
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from .demo_codes import DEMO_ACCOUNTS_GROUP
from .models import (
    BehaviorNote,
    BellSchedule,
    ConsentRecord,
    District,
    DistrictAdministrator,
    Guardian,
    IEPGoal,
    Membership,
    PeerAvailability,
    PeerPreference,
    Period,
    School,
    Student,
    Term,
    User,
    calendar_school_year_start,
)

SCHOOLS = [
    # district slug, district name, school slug, school name, level, lowest grade, highest grade
    ("riverside", "Riverside Public Schools", "east-elementary", "East Elementary", "elementary", 0, 5),
    ("riverside", "Riverside Public Schools", "putnam-middle", "Putnam Middle School", "middle", 6, 8),
    (
        "lakeview",
        "Lakeview Community Schools",
        "beaman-intermediate",
        "Beaman Intermediate School",
        "intermediate",
        5,
        6,
    ),
]

# username, first name, last name, email, [(school slug, role, specialty, title)], district admin of (slug or None)
STAFF = [
    ("district.admin", "Dana", "Whitfield", "dana.whitfield@riverside.example.org", [], "riverside"),
    (
        "east.coordinator",
        "Rachel",
        "Jonas",
        "rachel.jonas@riverside.example.org",
        [
            ("east-elementary", "coordinator", "", "Peer to Peer coordinator"),
            ("east-elementary", "special_educator", "", "Special education teacher"),
        ],
        None,
    ),
    (
        "east.principal",
        "Alan",
        "Brooks",
        "alan.brooks@riverside.example.org",
        [("east-elementary", "school_admin", "", "Principal")],
        None,
    ),
    (
        "east.teacher",
        "Keisha",
        "Morgan",
        "keisha.morgan@riverside.example.org",
        [("east-elementary", "general_educator", "", "4th grade teacher")],
        None,
    ),
    (
        "putnam.coordinator",
        "Daniel",
        "Okafor",
        "daniel.okafor@riverside.example.org",
        [
            ("putnam-middle", "coordinator", "", "Peer Connections club sponsor"),
            ("putnam-middle", "special_educator", "", "Special education teacher"),
        ],
        None,
    ),
    (
        "putnam.principal",
        "Linda",
        "Chen",
        "linda.chen@riverside.example.org",
        [("putnam-middle", "school_admin", "", "Principal")],
        None,
    ),
    (
        "riverside.slp",
        "Priya",
        "Nair",
        "priya.nair@riverside.example.org",
        [
            ("east-elementary", "related_service", "slp", "Speech-language pathologist"),
            ("putnam-middle", "related_service", "slp", "Speech-language pathologist"),
        ],
        None,
    ),
    ("putnam.para", "Gloria", "Diaz", "", [("putnam-middle", "paraprofessional", "", "Paraprofessional")], None),
    ("putnam.counselor", "Sam", "Whitaker", "", [("putnam-middle", "counselor", "", "School counselor")], None),
    (
        "beaman.coordinator",
        "Tom",
        "Copeland",
        "tom.copeland@lakeview.example.org",
        [
            ("beaman-intermediate", "coordinator", "", "Service-learning coordinator"),
            ("beaman-intermediate", "special_educator", "", "Special education teacher"),
        ],
        None,
    ),
    (
        "beaman.science",
        "Ellen",
        "Schles",
        "",
        [("beaman-intermediate", "general_educator", "", "Science teacher")],
        None,
    ),
    (
        "beaman.woodshop",
        "Joan",
        "Tuttle",
        "",
        [("beaman-intermediate", "general_educator", "", "Woodshop teacher")],
        None,
    ),
]

# Accounts the README lists; they get the demo password. Other staff exist without a usable password.
SIGN_IN_ACCOUNTS = {
    "district.admin",
    "east.coordinator",
    "east.principal",
    "east.teacher",
    "east.peer",
    "putnam.coordinator",
    "putnam.principal",
    "putnam.peer",
    "beaman.coordinator",
    "riverside.slp",
}

# school slug, first, last, grade, interests, how to communicate with me, support needs, [(domain, goal, settings)]
FOCUS_STUDENTS = [
    (
        "east-elementary",
        "Noah",
        "Bennett",
        3,
        "Trains, dinosaurs, drawing, the swings at recess",
        "I talk in short phrases. Give me a moment to answer, and show me two choices when you ask a question.",
        "Autism. Needs a visual schedule and a warning before activities change; "
        "noise-cancelling headphones in the gym.",
        [
            (
                "social",
                "Will greet a classmate and take 3 turns in a conversation during lunch, 4 of 5 days.",
                "Lunch, recess",
            ),
            (
                "independence",
                "Will follow a 4-step visual schedule to move between activities with one reminder.",
                "Classroom, specials",
            ),
        ],
    ),
    (
        "east-elementary",
        "Ava",
        "Thompson",
        4,
        "Music, singing, Legos, cats",
        "I use a speech-generating device (AAC). Look at me, ask one question at a time and wait while I answer.",
        "Autism and complex communication needs; uses a tablet AAC app with a core-word board.",
        [
            (
                "communication",
                "Will use her AAC device to make requests and comment during group work, 10 times a day.",
                "Science, art, music",
            ),
            ("social", "Will ask a peer to play using her device at recess, 3 times a week.", "Recess"),
        ],
    ),
    (
        "east-elementary",
        "Elijah",
        "Carter",
        5,
        "Basketball, video games, jokes, helping in the library",
        "I like to talk about sports. If I get loud, a quiet reminder helps.",
        "Autism. Leaves the room when overwhelmed; a break card and a quiet corner help him come back.",
        [
            ("behavior", "Will use a break card instead of leaving the room, 4 of 5 opportunities.", "Math, reading"),
            (
                "academic",
                "Will read and answer questions about a short text with a partner, 80% accuracy.",
                "Reading block",
            ),
        ],
    ),
    (
        "east-elementary",
        "Mia",
        "Hernandez",
        2,
        "Puppies, dancing, bubbles, the color purple",
        "I speak Spanish and English. I point to pictures to tell you what I want.",
        "Intellectual disability. Needs hand-over-hand support for fine-motor tasks; family speaks Spanish at home.",
        [
            (
                "communication",
                "Will point to picture symbols to make choices during centers, 5 times a day.",
                "Centers, lunch",
            )
        ],
    ),
    (
        "putnam-middle",
        "Yvonne",
        "Price",
        7,
        "Wheelchair sports, soccer, drawing comics, K-pop",
        "I speak clearly but slowly; please don't finish my sentences.",
        "Cerebral palsy and intellectual disability; uses a power wheelchair and needs help with doors and lockers.",
        [
            ("social", "Will plan an activity with two peers and lead one part of it each month.", "Club, lunch"),
            ("independence", "Will ask for help with doors and materials when she needs it.", "Hallways, classes"),
        ],
    ),
    (
        "putnam-middle",
        "Jordan",
        "Mitchell",
        6,
        "Cooking shows, baking, basketball, dogs",
        "I use some words and signs. A yes/no question works best; give me time.",
        "Down syndrome. Needs directions in small steps and a model to copy.",
        [
            ("academic", "Will measure ingredients with a peer using a picture recipe.", "Family and consumer science"),
            ("social", "Will sit with peers at lunch and answer two questions each day.", "Lunch"),
        ],
    ),
    (
        "putnam-middle",
        "Aiden",
        "Foster",
        8,
        "Minecraft, trains, weather, maps",
        "I type on my tablet to talk. Read what I type, then answer me directly.",
        "Autism with complex communication needs; may cover ears and rock when a room is loud, "
        "which means he needs a break.",
        [
            (
                "communication",
                "Will start a conversation with a peer using his tablet, 3 times a day.",
                "Science, lunch",
            ),
            ("behavior", "Will ask for a break using his tablet when a room is loud.", "All settings"),
        ],
    ),
    (
        "putnam-middle",
        "Lily",
        "Nguyen",
        7,
        "Art, nail polish, TikTok dances, volunteering",
        "I talk a lot! Please be patient if I repeat a question.",
        "Intellectual disability; reads at a 2nd-grade level and needs texts read aloud.",
        [
            (
                "academic",
                "Will answer comprehension questions after a peer reads a passage aloud, 70% accuracy.",
                "English language arts",
            )
        ],
    ),
    (
        "beaman-intermediate",
        "Caleb",
        "Hughes",
        5,
        "Gardening, tractors, building things",
        "I answer best with yes or no. Show me what to do first.",
        "Intellectual disability; needs hand-under-hand support with tools.",
        [
            (
                "independence",
                "Will complete a 3-step garden task with a peer and a picture checklist.",
                "Community garden project",
            )
        ],
    ),
    (
        "beaman-intermediate",
        "Zoe",
        "Patel",
        6,
        "Flowers, painting, singing, animals",
        "I use a picture board. Point to the pictures as you talk to me.",
        "Multiple disabilities; uses a picture communication board and a walker.",
        [("communication", "Will use her picture board to tell a peer which job she wants.", "Garden, art")],
    ),
    (
        "east-elementary",
        "Isaiah",
        "Brooks",
        1,
        "Cars, the slide, bubbles, Paw Patrol",
        "I use a few words and point. Wait for me, then say back what you think I mean.",
        "Intellectual disability; needs help opening lunch containers and with transitions.",
        [("social", "Will sit with a peer at lunch and hand them a toy or snack to share.", "Lunch, recess")],
    ),
    (
        "east-elementary",
        "Grace",
        "Liu",
        4,
        "Horses, reading picture books, the color pink, art",
        "I talk with my eyes and a picture book. Hold two pictures apart and let me look at one.",
        "Rett syndrome; uses an eye-gaze board and a wheelchair; needs repositioning every 30 minutes.",
        [("communication", "Will choose an activity by eye gaze from two pictures offered by a peer.", "Art, library")],
    ),
    (
        "putnam-middle",
        "Marco",
        "Silva",
        6,
        "Drums, skateboarding videos, tacos, soccer",
        "I speak Portuguese and English. Short sentences help.",
        "Intellectual disability; family is new to the district; needs a peer to show him around the building.",
        [("independence", "Will walk to his elective with a peer and find his seat.", "Hallways, electives")],
    ),
    (
        "putnam-middle",
        "Hannah",
        "Cole",
        8,
        "Taylor Swift, makeup tutorials, cheerleading, cats",
        "I talk easily. I like being asked for my opinion.",
        "Down syndrome; anxious in crowds; a heads-up before loud events helps.",
        [("social", "Will join a lunch-table conversation and ask a question, 3 times a week.", "Lunch, club")],
    ),
    (
        "beaman-intermediate",
        "Luis",
        "Ortega",
        5,
        "Soccer, tractors, planting seeds, trucks",
        "I use short sentences in Spanish and English. Show me, then let me try.",
        "Intellectual disability; needs a model and one step at a time.",
        [("independence", "Will water the garden beds with a peer using a picture checklist.", "Garden project")],
    ),
    (
        "beaman-intermediate",
        "Ella",
        "Brandt",
        6,
        "Birds, drawing, the school choir, baking",
        "I talk quietly. Face me and give me time.",
        "Autism; a visual timer helps her finish tasks; dislikes sudden touch.",
        [("social", "Will work with two peers on one garden sign from start to finish.", "Woodshop, garden")],
    ),
    (
        "beaman-intermediate",
        "Sam",
        "Kowalski",
        6,
        "Hammers, building birdhouses, fishing, trucks",
        "I answer yes or no by nodding. Ask me one thing at a time.",
        "Intellectual disability and hearing loss; wears hearing aids; needs you to face him when you talk.",
        [("communication", "Will use a thumbs-up or a picture card to ask a peer for a tool.", "Woodshop")],
    ),
    (
        "beaman-intermediate",
        "Maya",
        "Reed",
        5,
        "Flowers, dancing, stickers, the swings",
        "I use a speech device with about 50 words. Wait for me to find the word.",
        "Angelman syndrome; uses an AAC device; walks with support on uneven ground.",
        [("communication", "Will use her AAC device to greet garden visitors.", "Garden, community events")],
    ),
]

# school slug, first, last, grade, interests
PEERS = [
    ("east-elementary", "Sofia", "Ramirez", 5, "Drawing, soccer, reading graphic novels"),
    ("east-elementary", "Liam", "O'Brien", 4, "Legos, basketball, science experiments"),
    ("east-elementary", "Harper", "Kim", 3, "Dinosaurs, swings, drawing"),
    ("east-elementary", "Mason", "Walker", 5, "Video games, basketball, jokes"),
    ("east-elementary", "Amelia", "Johnson", 4, "Singing, cats, piano"),
    ("east-elementary", "Lucas", "Garcia", 2, "Dancing, puppies, soccer"),
    ("east-elementary", "Chloe", "Davis", 3, "Trains, art, swimming"),
    ("east-elementary", "Ethan", "Wilson", 5, "Library helper, chess, basketball"),
    ("putnam-middle", "Marcus", "Lee", 7, "Soccer, drawing comics, video games"),
    ("putnam-middle", "Isabella", "Martinez", 7, "K-pop, dance, art"),
    ("putnam-middle", "Tyler", "Brown", 8, "Minecraft, coding, weather"),
    ("putnam-middle", "Grace", "Anderson", 6, "Baking, dogs, volleyball"),
    ("putnam-middle", "Jayden", "Robinson", 6, "Basketball, cooking shows"),
    ("putnam-middle", "Olivia", "Clark", 7, "Volunteering, painting, TikTok dances"),
    ("putnam-middle", "Diego", "Lopez", 8, "Soccer, maps, trains"),
    ("putnam-middle", "Emma", "Wright", 6, "Reading, theatre, art"),
    ("beaman-intermediate", "Noor", "Haddad", 6, "Gardening, painting, animals"),
    ("beaman-intermediate", "Owen", "Fischer", 5, "Woodworking, tractors, soccer"),
    ("beaman-intermediate", "Ruby", "Scott", 6, "Flowers, singing, science"),
    ("beaman-intermediate", "Henry", "Young", 5, "Building, robots, baseball"),
]

# The peers who have an account: username -> (school slug, first, last, the parent who consented to the account)
PEER_ACCOUNTS = {
    "east.peer": ("east-elementary", "Sofia", "Ramirez", "Lucia Ramirez"),
    "putnam.peer": ("putnam-middle", "Marcus", "Lee", "Grace Lee"),
}


def seed(*, password: str) -> str:
    schools = _schools()
    _terms(schools)
    _staff(schools, password)
    _students(schools, password)
    _more_peers(schools)
    _profiles(schools)
    periods = _bell_schedules(schools)
    _availability(schools, periods)
    return f"{len(schools)} schools, {Student.objects.count()} students"


def _schools() -> dict[str, School]:
    schools = {}
    for district_slug, district_name, slug, name, level, low, high in SCHOOLS:
        district, _ = District.objects.update_or_create(slug=district_slug, defaults={"name": district_name})
        schools[slug], _ = School.objects.update_or_create(
            slug=slug,
            defaults={
                "district": district,
                "name": name,
                "level": level,
                "lowest_grade": low,
                "highest_grade": high,
            },
        )
    return schools


def _terms(schools):
    year = calendar_school_year_start(timezone.localdate())
    for school in schools.values():
        school_year, _ = Term.objects.update_or_create(
            school=school,
            name=f"{year}–{str(year + 1)[-2:]} school year",
            defaults={
                "kind": Term.Kind.SCHOOL_YEAR,
                "start_date": datetime.date(year, 8, 12),
                "end_date": datetime.date(year + 1, 5, 28),
            },
        )
        for name, start, end in (
            (f"Fall {year}", datetime.date(year, 8, 12), datetime.date(year, 12, 18)),
            (f"Spring {year + 1}", datetime.date(year + 1, 1, 5), datetime.date(year + 1, 5, 28)),
        ):
            Term.objects.update_or_create(
                school=school,
                name=name,
                defaults={"kind": Term.Kind.SEMESTER, "parent": school_year, "start_date": start, "end_date": end},
            )


def _user(username, first, last, email, password):
    user, _ = User.objects.update_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": email, "is_active": True}
    )
    if username in SIGN_IN_ACCOUNTS:
        user.set_password(password)
        # The marker that lets `manage.py demo_code` and the second-step pages show the code (DEBUG only).
        user.groups.add(Group.objects.get_or_create(name=DEMO_ACCOUNTS_GROUP)[0])
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def _staff(schools, password):
    for username, first, last, email, roles, district_slug in STAFF:
        user = _user(username, first, last, email, password)
        for school_slug, role, specialty, title in roles:
            Membership.objects.update_or_create(
                user=user,
                school=schools[school_slug],
                role=role,
                defaults={"specialty": specialty, "title": title, "is_active": True},
            )
        if district_slug:
            DistrictAdministrator.objects.update_or_create(
                user=user,
                district=District.objects.get(slug=district_slug),
                defaults={"title": "Director of Special Education", "is_active": True},
            )


def _students(schools, password):
    for slug, first, last, grade, interests, communication, support, goals in FOCUS_STUDENTS:
        student, _ = Student.objects.update_or_create(
            school=schools[slug],
            first_name=first,
            last_name=last,
            defaults={
                "kind": Student.Kind.FOCUS,
                "grade": grade,
                "interests": interests,
                "communication": communication,
                "support_needs": support,
                "is_active": True,
            },
        )
        for domain, goal, where in goals:
            IEPGoal.objects.update_or_create(
                student=student, domain=domain, goal=goal, defaults={"settings_for_peer_support": where}
            )
    for slug, first, last, grade, interests in PEERS:
        Student.objects.update_or_create(
            school=schools[slug],
            first_name=first,
            last_name=last,
            defaults={"kind": Student.Kind.PEER, "grade": grade, "interests": interests, "is_active": True},
        )
    for username, (slug, first, last, parent) in PEER_ACCOUNTS.items():
        user = _user(username, first, last, "", password)
        student = Student.objects.get(school=schools[slug], first_name=first, last_name=last)
        # Both are under 13: a sign-in needs a parent's consent on record (COPPA; issue 11).
        year_end = datetime.date(calendar_school_year_start(timezone.localdate()) + 1, 6, 30)
        ConsentRecord.objects.update_or_create(
            student=student,
            scope=ConsentRecord.Scope.ACCOUNT,
            defaults={
                "school": student.school,
                "given_by": parent,
                "relationship": "Mother",
                "given_on": datetime.date(calendar_school_year_start(timezone.localdate()), 8, 20),
                "method": ConsentRecord.Method.PAPER,
                "expires_on": year_end,
            },
        )
        Student.objects.filter(pk=student.pk).update(user=user)


# What the guide asks a team to learn about each focus student: strengths, how to help, their own voice, family.
FOCUS_PROFILES = {
    "Noah": {
        "homeroom": "Room 3B",
        "speech": "some_words",
        "strengths": "Remembers every train line; loves to help",
        "how_to_help": "Show me a picture of what comes next. Sit beside me, not across.",
        "activities_wanted": "Swings at recess with friends; drawing club",
        "support_preferred": "Quiet reminders and a picture schedule",
        "support_not_wanted": "Being pulled by the hand",
        "behavior": (
            "Covers ears and hums",
            "The room is too loud or a change came without warning",
            "Offer his headphones and show the next picture on his schedule",
        ),
        "guardian": ("Erin Bennett", "Mother", "English"),
        "prefers": ("get_to_know", "Harper", "Kim"),
    },
    "Ava": {
        "homeroom": "Room 4A",
        "speech": "no_speech",
        "aac_device": "Tablet AAC app with a core-word board",
        "complex_communication_needs": True,
        "strengths": "Great sense of rhythm; very patient",
        "how_to_help": "Wait while I find the word on my tablet. Don't touch my tablet unless I ask.",
        "activities_wanted": "Music class with friends; playing tag",
        "support_preferred": "Asking me first",
        "support_not_wanted": "Talking about me as if I'm not there",
        "guardian": ("Denise Thompson", "Grandmother", "English"),
        "prefers": ("get_to_know", "Amelia", "Johnson"),
    },
    "Elijah": {
        "homeroom": "Room 5C",
        "speech": "speaks",
        "strengths": "Funny; knows every basketball stat",
        "how_to_help": "Talk sports with me. If I get loud, a quiet 'hey' is enough.",
        "behavior": ("Leaves the room", "He is overwhelmed", "Let him use his break card and invite him back"),
        "guardian": ("Marcus Carter", "Father", "English"),
        "prefers": ("avoid", None, None, "The older boys at the basketball hoop at recess"),
    },
    "Mia": {
        "homeroom": "Room 2A",
        "speech": "some_words",
        "strengths": "Joyful; loves to dance",
        "how_to_help": "Point to pictures with me. Say it in Spanish too if you can.",
        "cultural_considerations": "Family speaks Spanish at home; send notes home in Spanish.",
        "guardian": ("Lucía Hernández", "Mother", "Spanish"),
    },
    "Yvonne": {
        "homeroom": "Room 214",
        "speech": "speaks",
        "strengths": "Natural leader; great ideas for events",
        "how_to_help": "Ask before you push my chair. Hold doors only if I ask.",
        "activities_wanted": "Wheelchair soccer; comic-drawing club",
        "support_not_wanted": "People finishing my sentences",
        "guardian": ("Janet Price", "Mother", "English"),
        "prefers": ("get_to_know", "Isabella", "Martinez"),
    },
    "Jordan": {
        "homeroom": "Room 108",
        "speech": "some_words",
        "strengths": "Hard worker in the kitchen",
        "how_to_help": "Show me first, then let me try.",
        "guardian": ("Paula Mitchell", "Mother", "English"),
    },
    "Aiden": {
        "homeroom": "Room 220",
        "speech": "no_speech",
        "aac_device": "Types on a tablet with text-to-speech",
        "complex_communication_needs": True,
        "strengths": "Knows every weather pattern and map",
        "how_to_help": "Read what I type, then answer me directly.",
        "behavior": (
            "Covers ears and rocks",
            "The room is loud; he needs a break",
            "Point to the break option on his tablet and walk with him to the quiet room",
        ),
        "guardian": ("Tom Foster", "Father", "English"),
        "prefers": ("get_to_know", "Tyler", "Brown"),
    },
    "Lily": {
        "homeroom": "Room 112",
        "speech": "speaks",
        "strengths": "Kind; remembers everyone's birthday",
        "how_to_help": "Read things aloud with me.",
        "guardian": ("Thu Nguyen", "Mother", "Vietnamese"),
        "cultural_considerations": "Mother prefers calls in Vietnamese; the district interpreter line helps.",
    },
    "Caleb": {
        "homeroom": "Room 6",
        "speech": "some_words",
        "strengths": "Strong and careful with plants",
        "how_to_help": "Show me what to do first. Yes or no questions work best.",
        "guardian": ("Rita Hughes", "Mother", "English"),
    },
    "Zoe": {
        "homeroom": "Room 4",
        "speech": "no_speech",
        "aac_device": "Picture communication board",
        "complex_communication_needs": True,
        "strengths": "Loves color; picks the best flowers",
        "how_to_help": "Point to my pictures as you talk to me.",
        "guardian": ("Anil Patel", "Father", "Gujarati"),
    },
}

FOCUS_PROFILES.update(
    {
        "Isaiah": {
            "homeroom": "Room 1A",
            "speech": "some_words",
            "strengths": "Loves to share; great laugh",
            "how_to_help": "Open things with me, not for me. Say back what you think I mean.",
            "guardian": ("Keisha Brooks", "Mother", "English"),
        },
        "Grace": {
            "homeroom": "Room 4B",
            "speech": "no_speech",
            "aac_device": "Eye-gaze picture board",
            "complex_communication_needs": True,
            "strengths": "Notices everything; loves stories",
            "how_to_help": "Hold two pictures apart and wait while I look at one.",
            "guardian": ("Wei Liu", "Father", "Mandarin"),
            "cultural_considerations": "Father prefers written notes in Mandarin.",
        },
        "Marco": {
            "homeroom": "Room 104",
            "speech": "speaks",
            "strengths": "Great drummer; friendly",
            "how_to_help": "Walk with me to class the first weeks. Short sentences help.",
            "guardian": ("Ana Silva", "Mother", "Portuguese"),
            "cultural_considerations": "Family arrived from Brazil this summer.",
        },
        "Hannah": {
            "homeroom": "Room 230",
            "speech": "speaks",
            "strengths": "Cheerful; loves to organise",
            "how_to_help": "Tell me before a loud event starts. Ask for my opinion.",
            "guardian": ("Beth Cole", "Mother", "English"),
        },
        "Luis": {
            "homeroom": "Room 5",
            "speech": "some_words",
            "strengths": "Hard worker; loves trucks",
            "how_to_help": "Show me, then let me try. One step at a time.",
            "guardian": ("Rosa Ortega", "Mother", "Spanish"),
        },
        "Ella": {
            "homeroom": "Room 8",
            "speech": "speaks",
            "strengths": "Draws birds beautifully",
            "how_to_help": "Face me and give me time. Ask before you touch my things.",
            "guardian": ("Karl Brandt", "Father", "English"),
        },
        "Sam": {
            "homeroom": "Room 7",
            "speech": "some_words",
            "strengths": "Careful builder; good with tools",
            "how_to_help": "Face me when you talk so I can see your lips. One question at a time.",
            "guardian": ("Joanna Kowalski", "Mother", "Polish"),
        },
        "Maya": {
            "homeroom": "Room 3",
            "speech": "no_speech",
            "aac_device": "Speech device with about 50 words",
            "complex_communication_needs": True,
            "strengths": "Loves people; big smile",
            "how_to_help": "Wait while I find the word. Walk beside me on the grass.",
            "guardian": ("Dana Reed", "Mother", "English"),
        },
    }
)

PEER_FIRST_NAMES = [
    "Aaliyah",
    "Ben",
    "Camila",
    "Dylan",
    "Emily",
    "Finn",
    "Gabriela",
    "Hudson",
    "Ivy",
    "Jack",
    "Kayla",
    "Leo",
    "Maria",
    "Nathan",
    "Paige",
    "Quinn",
    "Rosa",
    "Sebastian",
    "Tessa",
    "Victor",
    "Willow",
    "Xavier",
    "Yasmin",
    "Zane",
    "Abby",
    "Carlos",
    "Daisy",
    "Eli",
    "Fatima",
    "Gavin",
    "Hana",
    "Isaac",
]
PEER_LAST_NAMES = [
    "Adams",
    "Baker",
    "Cruz",
    "Dunn",
    "Evans",
    "Flores",
    "Grant",
    "Hayes",
    "Ito",
    "James",
    "Khan",
    "Lewis",
    "Moore",
    "Nash",
    "Ortiz",
    "Park",
    "Reyes",
    "Stone",
    "Turner",
    "Vega",
    "Ward",
    "Yoder",
    "Zimmer",
    "Bell",
]
INTERESTS = [
    "soccer",
    "drawing",
    "video games",
    "basketball",
    "reading",
    "music",
    "dance",
    "art",
    "cooking",
    "animals",
    "science",
    "Legos",
    "theatre",
    "gardening",
    "chess",
    "swimming",
    "coding",
    "singing",
    "skateboarding",
    "comics",
]
PRIOR_EXPERIENCE = [
    "",
    "",
    "My cousin has Down syndrome.",
    "I helped at Special Olympics.",
    "My brother uses a wheelchair.",
    "I was a reading buddy last year.",
    "",
]
# How many peers each demo school has in all (named ones plus generated ones).
PEER_TARGETS = {"east-elementary": 24, "putnam-middle": 32, "beaman-intermediate": 22}


def _more_peers(schools):
    """Fill each school to its target with varied, reproducible peers."""
    rng = random.Random(20261123)  # noqa: S311 - demo names, not security
    for slug, target in PEER_TARGETS.items():
        school = schools[slug]
        existing = Student.objects.filter(school=school, kind=Student.Kind.PEER).count()
        index = 0
        while existing < target:
            first = PEER_FIRST_NAMES[(index * 7 + len(slug)) % len(PEER_FIRST_NAMES)]
            last = PEER_LAST_NAMES[(index * 5 + len(slug) * 3) % len(PEER_LAST_NAMES)]
            index += 1
            interests = ", ".join(rng.sample(INTERESTS, 3)).capitalize()
            _, created = Student.objects.get_or_create(
                school=school,
                first_name=first,
                last_name=last,
                defaults={
                    "kind": Student.Kind.PEER,
                    "grade": rng.randint(school.lowest_grade, school.highest_grade),
                    "interests": interests,
                    "homeroom": f"Room {rng.randint(1, 30)}",
                    "prior_experience": rng.choice(PRIOR_EXPERIENCE),
                    "source_id": f"demo-{slug}-peer-{index}",
                },
            )
            existing += int(created)


def _profiles(schools):
    for slug, first, last, *_rest in FOCUS_STUDENTS:
        details = dict(FOCUS_PROFILES.get(first, {}))
        student = Student.objects.get(school=schools[slug], first_name=first, last_name=last)
        behavior = details.pop("behavior", None)
        guardian = details.pop("guardian", None)
        prefers = details.pop("prefers", None)
        for field, value in details.items():
            setattr(student, field, value)
        student.save()
        student.support_team.set(User.objects.filter(username__in=_support_team(student)))
        if behavior:
            BehaviorNote.objects.update_or_create(
                student=student,
                behavior=behavior[0],
                defaults={"what_it_may_communicate": behavior[1], "how_to_respond": behavior[2]},
            )
        if guardian:
            name, relationship, language = guardian
            email = name.lower().replace(" ", ".").replace("í", "i") + "@family.example.org"
            Guardian.objects.update_or_create(
                student=student,
                name=name,
                defaults={
                    "relationship": relationship,
                    "language": language,
                    "email": email,
                    "phone": "555-0142",
                    "is_primary": True,
                },
            )
        if prefers:
            kind, peer_first, peer_last, *group = prefers
            peer = (
                Student.objects.filter(school=student.school, first_name=peer_first, last_name=peer_last).first()
                if peer_first
                else None
            )
            PeerPreference.objects.update_or_create(
                student=student,
                kind=kind,
                peer=peer,
                group=group[0] if group else "",
            )


def _support_team(student) -> list[str]:
    """Who works with the student besides the coordinator and the principal (they see the confidential record)."""
    team = []
    slug = student.school.slug
    if student.complex_communication_needs and slug in ("east-elementary", "putnam-middle"):
        team.append("riverside.slp")
    if slug == "east-elementary" and student.grade == 4:
        team.append("east.teacher")
    if slug == "putnam-middle":
        team += ["putnam.para", "putnam.counselor"]
    if slug == "beaman-intermediate":
        team += ["beaman.science", "beaman.woodshop"]
    return team


# (name, kind, start, end) of a regular day
ELEMENTARY_DAY = [
    ("Morning meeting", "advisory", "08:00", "08:20"),
    ("Reading block", "class", "08:20", "09:50"),
    ("Specials", "class", "09:55", "10:40"),
    ("Math", "class", "10:45", "11:45"),
    ("Lunch", "lunch", "11:50", "12:20"),
    ("Recess", "recess", "12:20", "12:45"),
    ("Science and social studies", "class", "12:50", "13:50"),
    ("Centers", "class", "13:55", "14:45"),
]
MIDDLE_DAY = [
    ("Advisory", "advisory", "07:45", "08:05"),
    ("1st period", "class", "08:10", "09:00"),
    ("2nd period", "class", "09:05", "09:55"),
    ("3rd period", "class", "10:00", "10:50"),
    ("4th period", "class", "10:55", "11:45"),
    ("Lunch", "lunch", "11:50", "12:20"),
    ("5th period", "class", "12:25", "13:15"),
    ("6th period", "class", "13:20", "14:10"),
    ("7th period", "class", "14:15", "15:05"),
]


def _bell_schedules(schools) -> dict[str, list[Period]]:
    periods = {}
    for slug, school in schools.items():
        day = ELEMENTARY_DAY if school.level == School.Level.ELEMENTARY else MIDDLE_DAY
        year = Term.objects.school_years().filter(school=school).order_by("-start_date").first()
        schedule, _ = BellSchedule.objects.get_or_create(school=school, term=year, name="Regular day")
        periods[slug] = []
        for order, (name, kind, start, end) in enumerate(day, start=1):
            period, _ = Period.objects.update_or_create(
                schedule=schedule,
                order=order,
                defaults={
                    "name": name,
                    "kind": kind,
                    "starts_at": datetime.time.fromisoformat(start),
                    "ends_at": datetime.time.fromisoformat(end),
                },
            )
            periods[slug].append(period)
    return periods


def _availability(schools, periods):
    """Every peer is free at lunch on a few days and in one or two other periods: varied, reproducible."""
    rng = random.Random(7)  # noqa: S311 - demo data
    for slug, school in schools.items():
        lunch = [p for p in periods[slug] if p.kind in (Period.Kind.LUNCH, Period.Kind.RECESS)]
        classes = [p for p in periods[slug] if p.kind == Period.Kind.CLASS]
        for peer in Student.objects.filter(school=school, kind=Student.Kind.PEER).order_by("pk"):
            if PeerAvailability.objects.filter(student=peer).exists():
                continue
            slots = {(p.pk, day) for p in lunch for day in rng.sample(range(5), rng.randint(2, 5))}
            for period in rng.sample(classes, rng.randint(1, 2)):
                slots |= {(period.pk, day) for day in range(5)}
            PeerAvailability.objects.bulk_create(
                PeerAvailability(student=peer, period_id=period_id, weekday=day) for period_id, day in slots
            )
