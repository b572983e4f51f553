"""The guide's social facilitation strategies (Figure 1, "Social Facilitation Strategies That Can Be Used by Educators
and Paraprofessionals", in "Facilitating Social Connections" of the practice guide to peer partner programs,
``../shared/domain/``), in the guide's order and its own words. A facilitation log stores the keys; pages show the
guide's wording, and suggestions for a student use the plain label.

The keys are stored in logs: never rename one. ``tests/activities/facilitation`` checks the wording against Figure 1.
"""

SOURCE = "Peer partner programs guide, Figure 1 “Social Facilitation Strategies”"

# (key, the guide's wording, a plain label for a phone checkbox and for suggestions)
GUIDE_STRATEGIES = (
    (
        "show-conversations",
        "Show students with and without disabilities how to start or maintain conversations",
        "Showed how to start or keep a conversation going",
    ),
    (
        "arrange-seating",
        "Arrange seating so that students with and without disabilities are sitting or working near each other in "
        "close proximity",
        "Arranged seating so they sat or worked near each other",
    ),
    (
        "prompt-interactions",
        "Prompt social interactions between the students to break the silence",
        "Prompted them to talk to each other",
    ),
    (
        "redirect-to-students",
        "Redirect questions and comments away from adults and back toward students",
        "Sent questions back to the students instead of answering",
    ),
    (
        "highlight-similarities",
        "Highlight any similarities between students, such as shared interests, backgrounds, and strengths",
        "Pointed out what they have in common",
    ),
    (
        "praise-interactions",
        "Encourage continued interactions through praise and positive feedback",
        "Praised them for talking and working together",
    ),
    (
        "encourage-skills",
        "Encourage students to use relevant social and communication skills at appropriate times",
        "Encouraged social and communication skills at the right moments",
    ),
    (
        "point-out-strengths",
        "Point out the strengths and contributions of students with disabilities within ongoing activities and "
        "projects",
        "Pointed out the student's strengths and contributions",
    ),
    (
        "check-in",
        "Check-in with the students periodically to ask how things are going",
        "Checked in now and then to ask how it was going",
    ),
    (
        "provide-information",
        "Provide information needed to help support interactions",
        "Gave information that helped them interact",
    ),
    (
        "demonstrate-aac",
        "Demonstrate how to have a conversation with a student who uses an augmentative and alternative "
        "communication (AAC) device",
        "Showed how to talk with a student who uses AAC",
    ),
    (
        "explain-behavior",
        "Explain what students with disabilities might be trying to communicate through behaviors that seem unusual "
        "or challenging",
        "Explained what a behavior might be communicating",
    ),
    (
        "interdependent-activities",
        "Design interdependent activities that require students to collaborate with one another",
        "Set up an activity they could only do together",
    ),
    (
        "ask-peers-to-help",
        "Ask peers to provide specific help to a student",
        "Asked a peer to give specific help",
    ),
)

STRATEGY_KEYS = tuple(key for key, _wording, _plain in GUIDE_STRATEGIES)
STRATEGY_WORDING = {key: wording for key, wording, _plain in GUIDE_STRATEGIES}
STRATEGY_PLAIN = {key: plain for key, _wording, plain in GUIDE_STRATEGIES}
STRATEGY_CHOICES = tuple((key, wording) for key, wording, _plain in GUIDE_STRATEGIES)
