"""The demo district used by ``seed_demo``: the schools of the guide's case applications and believable people.

Each domain app has a ``demo.py`` with a ``seed(*, password)`` function; ``seed_demo`` runs them in the order of
``settings.DEMO_SEEDERS``. Every seed is idempotent: it updates what is there.
"""

import datetime

from django.utils import timezone

from .models import District, DistrictAdministrator, IEPGoal, Membership, School, Student, Term, User

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

# The peers who have an account: username -> (school slug, first, last)
PEER_ACCOUNTS = {
    "east.peer": ("east-elementary", "Sofia", "Ramirez"),
    "putnam.peer": ("putnam-middle", "Marcus", "Lee"),
}


def seed(*, password: str) -> str:
    schools = _schools()
    _terms(schools)
    _staff(schools, password)
    _students(schools, password)
    return f"{len(schools)} schools, {Student.objects.count()} students"


def school_year_start(today: datetime.date) -> int:
    """The calendar year the current school year started in (school years start in August)."""
    return today.year if today.month >= 7 else today.year - 1


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
    year = school_year_start(timezone.localdate())
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
    for username, (slug, first, last) in PEER_ACCOUNTS.items():
        user = _user(username, first, last, "", password)
        Student.objects.filter(school=schools[slug], first_name=first, last_name=last).update(user=user)
