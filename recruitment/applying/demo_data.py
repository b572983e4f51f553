"""The demo applicants' data for ``recruitment.applying.demo``: who applied to each demo campaign, in their own
words, with the decision and the parent's answer; homeroom teachers; nominations.

Literals only (model choices name their values), so the story can be read and edited without the seeding code."""

from typing import NamedTuple

from ..models import Channel, GuardianConsent, Interest, PeerApplication

Status = PeerApplication.Status
Answer = GuardianConsent.Status


class Applicant(NamedTuple):
    first: str
    last: str
    grade: int
    decision: str
    answer: str  # the parent's answer to the consent request
    guardian: tuple[str, str]  # name, relationship
    heard_via: str
    interests: list[str]
    why_join: str
    prior_experience: str = ""
    interests_other: str = ""


# Kept as written, an applicant to a few lines (the formatter would give every field a line of its own).
# fmt: off
# Who the demo campaigns heard from. Every "why join" is the applicant's own words, for their age: the guide's peers
# want to get to know their schoolmates and have the time to (and some would benefit themselves).
APPLICANTS = {
    "east-elementary": [
        Applicant(
            "Sofia", "Ramirez", 5, Status.ACCEPTED, Answer.CONSENTED, ("Lucia Ramirez", "Mother"),
            Channel.CLASS_PRESENTATIONS, [Interest.ART, Interest.SPORTS, Interest.READING],
            "Noah showed me his train drawings at lunch last spring and we drew together. I want to be his partner "
            "in class and at recess this year.",
            "I was a reading buddy for the 2nd graders last year.", "Graphic novels",
        ),
        Applicant(
            "Liam", "O'Brien", 4, Status.ACCEPTED, Answer.CONSENTED, ("Siobhan O'Brien", "Mother"),
            Channel.TEACHER_NOMINATION, [Interest.SCIENCE, Interest.SPORTS],
            "Ms. Morgan said I would be good at this. I finish my work early and I like helping in science. I want "
            "to make friends who are not in my class.",
        ),
        Applicant(
            "Nora", "Delgado", 3, Status.ACCEPTED, Answer.CONSENTED, ("Marisol Delgado", "Mother"),
            Channel.POSTERS, [Interest.MUSIC, Interest.OUTDOORS],
            "My cousin talks with a tablet, so I know how to wait for an answer. I want more friends to play with "
            "at recess.",
            "My cousin uses a communication device.",
        ),
        Applicant(
            "Theo", "Marsh", 4, Status.SUBMITTED, Answer.PENDING, ("Dana Marsh", "Parent"),
            Channel.TEACHER_NOMINATION, [Interest.SCIENCE, Interest.GAMES],
            "I like building with Lego and doing science experiments. It would be fun to do them with a partner.",
        ),
        Applicant(
            "Aisha", "Okoro", 5, Status.SUBMITTED, Answer.CONSENTED, ("Ngozi Okoro", "Mother"),
            Channel.ANNOUNCEMENTS, [Interest.READING, Interest.DANCE],
            "At my old school nobody played with the new kids and I didn't like that. I want to learn how to be a "
            "good partner.",
        ),
        Applicant(
            "Jonah", "Brennan", 3, Status.WAITLISTED, Answer.CONSENTED, ("Patrick Brennan", "Father"),
            Channel.FLYERS, [Interest.ANIMALS, Interest.ART],
            "I love dinosaurs and drawing. I want to eat lunch with new people and share my dinosaur books.",
        ),
        Applicant(
            "Lena", "Novak", 5, Status.WAITLISTED, Answer.PENDING, ("Ivana Novak", "Mother"),
            Channel.WEB_PAGE, [Interest.MUSIC, Interest.READING],
            "My little brother has Down syndrome and I help him with his homework. Everybody should have friends at "
            "school.",
            "My brother has Down syndrome.",
        ),
        Applicant(
            "Caden", "Whitman", 4, Status.DECLINED, Answer.DECLINED, ("Greg Whitman", "Father"),
            Channel.FRIEND, [Interest.GAMES, Interest.SPORTS],
            "It sounds fun and my best friend is joining.",
        ),
        Applicant(
            "Rosie", "Ibrahim", 3, Status.WITHDRAWN, Answer.PENDING, ("Samira Ibrahim", "Mother"),
            Channel.POSTERS, [Interest.ART, Interest.MUSIC],
            "I like art and singing. I want to help my class be kind to everyone.",
        ),
        Applicant(
            "Mateo", "Duarte", 5, Status.SUBMITTED, Answer.PENDING, ("Ana Duarte", "Mother"),
            Channel.FRIEND, [Interest.SPORTS, Interest.GAMES],
            "Sofia told me about it. I play soccer at recess and I would ask my partner to play with us.",
        ),
    ],
    "putnam-middle": [
        Applicant(
            "Zara", "Kaur", 6, Status.ACCEPTED, Answer.CONSENTED, ("Harpreet Kaur", "Mother"),
            Channel.POSTERS, [Interest.SPORTS, Interest.ART],
            "I saw the wheelchair soccer poster in the hallway. I've never played and it looks really fun. I'm new "
            "in 6th grade and I'd like to meet more people.",
        ),
        Applicant(
            "Devon", "Osei", 7, Status.ACCEPTED, Answer.CONSENTED, ("Abena Osei", "Mother"),
            Channel.ANNOUNCEMENTS, [Interest.ART, Interest.GAMES],
            "I draw comics and I heard the club wants to make one about the soccer games. I'd like to help with that "
            "and get to know people outside my classes.",
            "", "Drawing comics",
        ),
        Applicant(
            "Ben", "Larsen", 8, Status.ACCEPTED, Answer.CONSENTED, ("Erik Larsen", "Father"),
            Channel.FRIEND, [Interest.SPORTS, Interest.COOKING],
            "Tyler talked me into it. The monthly events sound like the best afternoon of the month, and I'm good at "
            "organizing teams so everyone gets to play.",
            "I help at my church's summer day camp.",
        ),
        Applicant(
            "Sophie", "Moreau", 7, Status.ACCEPTED, Answer.CONSENTED, ("Claire Moreau", "Mother"),
            Channel.WEB_PAGE, [Interest.DANCE, Interest.MUSIC],
            "My aunt works with adults with disabilities and I've seen how much a friend can change someone's day. I "
            "want to be in a club where everybody actually belongs.",
            "My aunt is a job coach for adults with disabilities.",
        ),
        Applicant(
            "Nate", "Haas", 8, Status.SUBMITTED, Answer.CONSENTED, ("Julia Haas", "Mother"),
            Channel.CLASS_PRESENTATIONS, [Interest.MUSIC, Interest.COOKING],
            "Mr. Okafor came to our science class. I'm into K-pop and baking, and I'd like to help plan an event that "
            "isn't only about sports.",
        ),
        Applicant(
            "Leila", "Petrov", 6, Status.SUBMITTED, Answer.PENDING, ("Mila Petrov", "Mother"),
            Channel.TEACHER_NOMINATION, [Interest.READING, Interest.ANIMALS],
            "The counselor asked if I wanted to join. I'm kind of shy, but I think a club would help me make friends "
            "too.",
        ),
        Applicant(
            "Omar", "Yilmaz", 7, Status.WAITLISTED, Answer.CONSENTED, ("Selin Yilmaz", "Mother"),
            Channel.PERSONAL_INVITATION, [Interest.SPORTS, Interest.GAMES],
            "I love soccer and I practice with my cousin, who plays in a wheelchair league. I want to help run the "
            "competition.",
            "My cousin plays wheelchair basketball and soccer.",
        ),
        Applicant(
            "Hailey", "Lindqvist", 6, Status.WAITLISTED, Answer.PENDING, ("Anna Lindqvist", "Mother"),
            Channel.FLYERS, [Interest.ANIMALS, Interest.OUTDOORS],
            "I want to do something that helps other people, and my mom says volunteering is a good way to start in "
            "middle school.",
        ),
        Applicant(
            "Ryan", "Fitzgerald", 8, Status.DECLINED, Answer.DECLINED, ("Colleen Fitzgerald", "Mother"),
            Channel.FRIEND, [Interest.GAMES],
            "My friends are joining so I want to join too.",
        ),
        Applicant(
            "Talia", "Castro", 7, Status.WITHDRAWN, Answer.PENDING, ("Rosa Castro", "Mother"),
            Channel.POSTERS, [Interest.ART, Interest.DANCE],
            "I like art and dance, and I could make the posters for the events.",
        ),
    ],
    "beaman-intermediate": [
        Applicant(
            "Henry", "Young", 5, Status.ACCEPTED, Answer.CONSENTED, ("Carol Young", "Mother"),
            Channel.CLASS_PRESENTATIONS, [Interest.SCIENCE, Interest.OUTDOORS],
            "I helped pick the community garden for our project. I like building things and I want to build the "
            "benches with everybody.",
        ),
        Applicant(
            "Noor", "Haddad", 6, Status.ACCEPTED, Answer.CONSENTED, ("Rana Haddad", "Mother"),
            Channel.POSTERS, [Interest.OUTDOORS, Interest.ART, Interest.ANIMALS],
            "We have a garden at home and I know how to plant seeds. I want the garden to look nice again and to work "
            "with kids I don't know yet.",
        ),
        Applicant(
            "Owen", "Fischer", 5, Status.ACCEPTED, Answer.CONSENTED, ("Mark Fischer", "Father"),
            Channel.TEACHER_NOMINATION, [Interest.SCIENCE, Interest.SPORTS],
            "Ms. Tuttle says I'm careful with tools in woodshop. I want to help build the trellises and show other "
            "kids how to use a hand drill safely.",
        ),
        Applicant(
            "Ruby", "Scott", 6, Status.ACCEPTED, Answer.CONSENTED, ("Jen Scott", "Mother"),
            Channel.ANNOUNCEMENTS, [Interest.MUSIC, Interest.OUTDOORS],
            "I love flowers and singing. My family volunteers in our town and I want to do it with friends from "
            "school.",
        ),
        Applicant(
            "Felix", "Harlow", 5, Status.SUBMITTED, Answer.CONSENTED, ("Beth Harlow", "Mother"),
            Channel.FLYERS, [Interest.OUTDOORS, Interest.SCIENCE],
            "I like tractors and digging. I want to help carry the soil and plant the beans.",
        ),
        Applicant(
            "Mina", "Cho", 6, Status.SUBMITTED, Answer.PENDING, ("Hyun Cho", "Father"),
            Channel.WEB_PAGE, [Interest.ART],
            "I want to paint the garden sign. It would be nicer with a big colorful sign that everyone helped make.",
        ),
        Applicant(
            "Wyatt", "Pruitt", 5, Status.WAITLISTED, Answer.CONSENTED, ("Dale Pruitt", "Grandfather"),
            Channel.PERSONAL_INVITATION, [Interest.OUTDOORS, Interest.ANIMALS],
            "I go fishing with my grandpa and I like being outside. I want to help the garden and meet new friends.",
        ),
        Applicant(
            "Clara", "Jensen", 6, Status.WAITLISTED, Answer.PENDING, ("Karen Jensen", "Mother"),
            Channel.FRIEND, [Interest.OUTDOORS, Interest.COOKING],
            "My grandma volunteers at the community garden and says it needs help. I want to help her with my school.",
        ),
        Applicant(
            "Declan", "Shaw", 6, Status.DECLINED, Answer.DECLINED, ("Martin Shaw", "Father"),
            Channel.FRIEND, [Interest.GAMES, Interest.SPORTS],
            "My friend is joining and I don't want to be in study hall.",
        ),
        Applicant(
            "Poppy", "Ellison", 5, Status.WITHDRAWN, Answer.PENDING, ("Tara Ellison", "Mother"),
            Channel.POSTERS, [Interest.ANIMALS, Interest.OUTDOORS],
            "I like animals and flowers. I want to help the bees in the garden.",
        ),
    ],
}
# fmt: on


# The homeroom teacher an applicant names, by grade (only Ms. Morgan has an account).
HOMEROOM_TEACHERS = {
    "east-elementary": {3: "Ms. Rivera", 4: "Ms. Morgan", 5: "Mr. Daniels"},
    "putnam-middle": {6: "Mr. Howard", 7: "Ms. Greene", 8: "Mrs. Castillo"},
    "beaman-intermediate": {5: "Mr. Bauer", 6: "Ms. Schles"},
}


# Kept as written, one nomination to a line or two.
# fmt: off
# (who nominates, first, last, grade, reasons). A nominee on the roster is linked; anyone else is invited by email.
NOMINATIONS = {
    "east-elementary": [
        ("east.teacher", "Liam", "O'Brien", 4,
         "Finishes his work early and always asks who needs help. Patient with classmates at recess."),
        ("east.teacher", "Theo", "Marsh", 4,
         "Quiet but very kind; I think this would help him feel part of things at school too."),
        ("east.teacher", "Hazel", "Alvarez", 5, "Great listener, always on time, and curious about everyone."),
    ],
    "putnam-middle": [
        ("putnam.counselor", "Leila", "Petrov", 6,
         "New to the district this year and still finding her group; thoughtful and gentle with others."),
        ("putnam.counselor", "Jamal", "Greene", 8, "A natural organizer; the younger students look up to him."),
    ],
    "beaman-intermediate": [
        ("beaman.woodshop", "Owen", "Fischer", 5, "Safe and patient with tools; explains each step to others."),
        ("beaman.science", "Tess", "Aldana", 6, "Loves the outdoors and takes care of our class plants all year."),
    ],
}
# fmt: on
