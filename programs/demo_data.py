"""The demo programs' data for ``programs.demo``: one program per demo school, its team, meetings, plan and budget.

Literals only (model choices name their values), so the story can be read and edited without the seeding code."""

from .models import BudgetItem, DistrictApproval, PlanningTeamMember, Program, Purpose

Role = PlanningTeamMember.Role

# The returning peer whose parent's paper consent ends in three weeks: the daily task asks the parent to renew it.
CONSENT_ENDING_SOON = ("Chloe", "Davis")


PROGRAMS = {
    "east-elementary": {
        "name": "Peer to Peer",
        "form": Program.Form.COURSE,
        "status": Program.Status.ACTIVE,
        "purposes": [Purpose.INCLUSIVE_SCHOOL, Purpose.EVERYDAY_INVOLVEMENT, Purpose.NEW_SKILLS],
        "purpose_notes": "Started to support three students with autism in general education classes; now planning "
        "a more inclusive model of service delivery for all students at East Elementary.",
        "core_components": "Peers spend a class period each day alongside their schoolmates with autism, offering "
        "help during instruction; lunch and recess groups; a short weekly check-in with Ms. Jonas.",
        "grades": (3, 5),
        "who_may_join": "Any 3rd–5th grader who wants to get to know their schoolmates and is available during "
        "the supported class periods.",
        "staff_support": "Ms. Jonas coordinates; general education teachers guide peers during class; the "
        "speech-language pathologist advises on supporting AAC use.",
        "anticipated_challenges": "Scheduling peers without pulling them from their own core instruction; fading "
        "adult support so friendships can form.",
        "faculty_presented_on": -200,
        "faculty_feedback": "Grade-level teams asked for a short guide on how peers help during group work.",
        "is_model_program": False,
        "visit_information": "",
        "team": [
            ("east.coordinator", "", Role.SPECIAL_EDUCATOR, True, True, ""),
            ("east.principal", "", Role.SCHOOL_ADMIN, False, True, ""),
            ("east.teacher", "", Role.GENERAL_EDUCATOR, False, True, ""),
            ("", "Maria Hernandez", Role.PARENT, False, True, ""),
            ("riverside.slp", "", Role.RELATED_SERVICE, False, False, "Supporting AAC use during group work"),
        ],
        "meetings": [
            (
                -30,
                "Review the first year; what peers and families are telling us",
                "Peers have become vocal advocates for inclusion. The three students are taking part in more "
                "classes with fewer adult prompts.",
                "Plan a more inclusive model of service delivery for all students, with grade-level teams, "
                "families and specialized instructional support personnel.",
            ),
            (
                -6,
                "Grade-level plans; district approval of the course",
                "Grade 4 team ready to start in January; grade 5 in the spring.",
                "Expand one grade level at a time. Ask the district to renew the peer support course.",
            ),
        ],
        "action_items": [
            (0, "Send the grade-level teams the plan for the inclusive model", "east.coordinator", 1),
            (1, "Update the peer support course description for the district", "east.principal", 1),
            (1, "Draft the family letter about the expansion", "east.coordinator", -3),
            (1, "Collect peers' ideas for lunch groups", "east.teacher", 9),
        ],
        "stages": [
            ("Three students with autism supported in general education classes", "3 students, 6 peers", -400, True),
            ("One grade level at a time: grade 4", "10 peers", -60, True),
            ("A more inclusive model of service delivery for all students", "Grades 3–5", 120, False),
            ("Share the model with other schools in the district", "2 visiting schools", 300, False),
        ],
        "budget": [
            ("Peer training binders and materials", BudgetItem.Category.MATERIALS, "150.00", "Fall", "PTA grant"),
            ("End-of-year celebration", BudgetItem.Category.EVENT, "220.00", "Spring", "Principal's fund"),
        ],
        "approvals": [
            ("Peer support course renewal", DistrictApproval.Status.SUBMITTED, 20, None, True),
            ("Inclusive service delivery plan", DistrictApproval.Status.NEEDED, 75, None, False),
        ],
        # The three students with autism the course started with, and Grace, who joined when grade 4 came in.
        # Mia (grade 2) and Isaiah (grade 1) are on the roster but below the program's grades.
        "focus_students": [("Noah", "Bennett"), ("Ava", "Thompson"), ("Elijah", "Carter"), ("Grace", "Liu")],
        # (first, last, the parent who signed the paper consent, relationship)
        "returning_peers": [
            ("Harper", "Kim", "Min-jun Kim", "Father"),
            ("Amelia", "Johnson", "Tanya Johnson", "Mother"),
            ("Mason", "Walker", "Brian Walker", "Father"),
            ("Chloe", "Davis", "Renee Davis", "Mother"),
            ("Ethan", "Wilson", "Carla Wilson", "Mother"),
        ],
    },
    "putnam-middle": {
        "name": "Peer Connections",
        "form": Program.Form.CLUB,
        "status": Program.Status.ACTIVE,
        "purposes": [Purpose.INCLUSIVE_SCHOOL, Purpose.FRIENDSHIPS],
        "purpose_notes": "An inclusive club, now in its second year, that anyone can join.",
        "core_components": "A monthly event planned by students with and without disabilities, accessible for "
        "schoolmates with physical disabilities — the wheelchair soccer competition was Yvonne's idea.",
        "grades": (6, 8),
        "who_may_join": "Every Putnam student; the club brings the support needed for anyone to join.",
        "staff_support": "Mr. Okafor sponsors the club; the counselor and a paraprofessional help at events.",
        "anticipated_challenges": "Enough wheelchairs for everyone who wants to play; gym time after school.",
        "faculty_presented_on": -380,
        "faculty_feedback": "Coaches offered to referee; the PE department offered equipment.",
        "is_model_program": True,
        "visit_information": "Visit a monthly event in the gym; contact Mr. Okafor a week ahead.",
        "team": [
            ("putnam.coordinator", "", Role.SPECIAL_EDUCATOR, True, True, ""),
            ("putnam.principal", "", Role.SCHOOL_ADMIN, False, True, ""),
            ("putnam.counselor", "", Role.COUNSELOR, False, True, ""),
            ("", "Marcus Lee", Role.STUDENT, False, True, ""),
            ("riverside.slp", "", Role.RELATED_SERVICE, False, False, "Communication during team games"),
        ],
        "meetings": [
            (
                -35,
                "Ideas for a monthly event everyone can enjoy",
                "Students brainstormed events that are exciting and accessible. Yvonne suggested wheelchair soccer.",
                "Host a wheelchair soccer competition: borrow donated wheelchairs from the local Arc and reserve "
                "the gym one afternoon after school.",
            ),
            (
                -8,
                "After the first competition",
                "A hit: students who use wheelchairs showed a dozen others how to play.",
                "Make it a monthly event; plan a final competition of the year with eight teams.",
            ),
        ],
        "action_items": [
            (1, "Confirm the donated wheelchairs with the local Arc", "putnam.coordinator", 1),
            (1, "Reserve the gym for next month's afternoon", "putnam.principal", 1),
            (1, "Make posters for the monthly competition", "putnam.counselor", -2),
            (0, "Ask students who use wheelchairs to lead the warm-up", "putnam.coordinator", 6),
        ],
        "stages": [
            ("Inclusive club for a small group of 6th graders", "15 members", -400, True),
            ("Open to every grade; a monthly event", "50 students at the final competition", -30, True),
            ("District model school others may visit", "Host 2 schools", 150, False),
        ],
        "budget": [
            ("Gym time and snacks for the monthly competition", BudgetItem.Category.EVENT, "90.00", "Fall", ""),
            ("Bus to the regional adapted sports day", BudgetItem.Category.FIELD_TRIP, "400.00", "Spring", ""),
        ],
        "approvals": [
            ("Club charter and after-school supervision plan", DistrictApproval.Status.APPROVED, -300, -280, True),
        ],
        # An inclusive club anyone can join: every focus student of the school takes part.
        "focus_students": [
            ("Yvonne", "Price"),
            ("Jordan", "Mitchell"),
            ("Aiden", "Foster"),
            ("Lily", "Nguyen"),
            ("Marco", "Silva"),
            ("Hannah", "Cole"),
        ],
        # Last year's members; Marcus speaks for the students on the planning team.
        "returning_peers": [
            ("Marcus", "Lee", "Grace Lee", "Mother"),
            ("Isabella", "Martinez", "Elena Martinez", "Mother"),
            ("Tyler", "Brown", "Kevin Brown", "Father"),
            ("Olivia", "Clark", "Dawn Clark", "Mother"),
            ("Diego", "Lopez", "Javier Lopez", "Father"),
            ("Emma", "Wright", "Laura Wright", "Mother"),
            ("Grace", "Anderson", "Sharon Anderson", "Grandmother"),
            ("Jayden", "Robinson", "Tasha Robinson", "Mother"),
        ],
    },
    "beaman-intermediate": {
        "name": "Peer Buddy",
        "form": Program.Form.CLUB,
        "status": Program.Status.APPROVED,
        "purposes": [Purpose.INCLUSIVE_SCHOOL, Purpose.NEW_SKILLS, Purpose.FRIENDSHIPS],
        "purpose_notes": "A service-learning club in a school with a spirit of volunteerism: meeting local needs "
        "in the community together.",
        "core_components": "Students with and without disabilities renovate the community garden a block away: "
        "plan and plant the garden, design terraces and trellises, build benches and signage.",
        "grades": (5, 6),
        "who_may_join": "5th and 6th graders who want to work on the garden with their schoolmates.",
        "staff_support": "Mr. Copeland coordinates; Ms. Schles (science) leads planting; Ms. Tuttle (woodshop) "
        "leads building.",
        "anticipated_challenges": "Walking to the garden safely; tools that every student can use.",
        "faculty_presented_on": -40,
        "faculty_feedback": "Art teacher offered to help design the signage.",
        "is_model_program": False,
        "visit_information": "",
        "team": [
            ("beaman.coordinator", "", Role.SPECIAL_EDUCATOR, True, True, ""),
            ("beaman.science", "", Role.GENERAL_EDUCATOR, False, True, ""),
            ("beaman.woodshop", "", Role.GENERAL_EDUCATOR, False, True, ""),
            ("", "Henry Young", Role.STUDENT, False, True, ""),
        ],
        "meetings": [
            (
                -28,
                "Which local need should we meet?",
                "Students suggested the languishing community garden a block from school.",
                "Renovate the community garden as our service-learning project.",
            ),
            (
                -5,
                "Garden plan and building jobs",
                "Terraces on the slope; trellises for beans; two benches and a sign.",
                "Science classes plan the planting; woodshop builds benches and signage.",
            ),
        ],
        "action_items": [
            (1, "Order seeds, soil and plants for the garden beds", "beaman.science", 1),
            (1, "Cut lumber for the trellises and benches", "beaman.woodshop", 4),
            (0, "Ask the city for permission to work in the community garden", "beaman.coordinator", -1),
            (1, "Plan the walking route to the garden", "beaman.coordinator", 1),
        ],
        "stages": [
            ("A few students plan and plant the garden", "4 students, 8 peers", 30, False),
            ("Both grades build terraces, benches and signage", "All 5th and 6th graders who volunteer", 160, False),
        ],
        "budget": [
            ("Soil, seeds and plants", BudgetItem.Category.SERVICE_PROJECT, "350.00", "Spring", "Garden club grant"),
            ("Lumber for terraces, trellises and benches", BudgetItem.Category.MATERIALS, "600.00", "Spring", ""),
            ("Paint for the signage", BudgetItem.Category.MATERIALS, "80.00", "Spring", ""),
        ],
        "approvals": [
            ("Service-learning project plan", DistrictApproval.Status.SUBMITTED, 10, None, False),
            ("Walking field trips to the community garden", DistrictApproval.Status.NEEDED, 25, None, False),
        ],
        # The first stage: four students plan and plant the garden. A new club: every peer is recruited this year.
        "focus_students": [("Caleb", "Hughes"), ("Luis", "Ortega"), ("Ella", "Brandt"), ("Sam", "Kowalski")],
        "returning_peers": [],
    },
}
