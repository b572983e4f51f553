"""The guide's orientation topics, copied into every school's topic library (``services.topic_library_ensure``).

Words from "Preparing Peers" in the practice guide to peer partner programs (``../shared/domain/``); the eight
training topics after Ziegler, Matthews, Mayberry, Owen-De Schryver & Carter (2020), "From barriers to belonging",
TEACHING Exceptional Children 52(6). Each has a plainer wording for younger peers. The last two are proposed by
tailoring, from the students the attending peers partner with.
"""

GUIDE = "Peer partner programs guide, “Preparing Peers”"
ZIEGLER = "Ziegler et al. (2020), as cited in the peer partner programs guide"

# (key, title, description, plain title, plain description, source, tailoring, required)
GUIDE_TOPICS = (
    (
        "purpose",
        "The purpose of the peer partner program",
        "Creating a more inclusive school, fostering new friendships, supporting involvement in everyday activities, "
        "helping students learn new skills.",
        "Why our program exists",
        "We want a school where everyone belongs, makes friends and joins in.",
        GUIDE,
        "",
        True,
    ),
    (
        "getting-to-know-each-other",
        "Getting to know each other and the staff who coordinate the program",
        "Peers learn more about each other and about the school staff who are coordinating the program.",
        "Meet each other and the adults who help",
        "Learn names, and who to go to.",
        GUIDE,
        "",
        False,
    ),
    (
        "disability-etiquette",
        "Disability etiquette and respectful language",
        "For peers new to these experiences: talking with and about schoolmates with disabilities respectfully.",
        "Being respectful",
        "Kind and respectful words, and how to talk with everyone.",
        GUIDE,
        "",
        False,
    ),
    (
        "about-the-students",
        "General information about the students",
        "The students peers will be getting to know and supporting: their interests, hobbies and school involvement.",
        "Getting to know your partner",
        "What your partner likes and does at school.",
        ZIEGLER,
        "",
        True,
    ),
    (
        "support-needs-and-misconceptions",
        "Support needs you might meet, and common misconceptions",
        "An overview of the support needs peers might encounter and common misconceptions.",
        "Help some students need",
        "Help a partner might need, and things people get wrong.",
        ZIEGLER,
        "",
        False,
    ),
    (
        "supporting-respectfully",
        "Supporting schoolmates in respectful and effective ways",
        "Approaches for supporting schoolmates in respectful and effective ways.",
        "Helping in a good way",
        "How to help without taking over.",
        ZIEGLER,
        "",
        True,
    ),
    (
        "promoting-skills",
        "Promoting social, communication and other skills",
        "Practical ways of promoting social, communication and other skills.",
        "Helping your partner learn",
        "Simple ways to practise talking, playing and working together.",
        ZIEGLER,
        "",
        False,
    ),
    (
        "active-participation",
        "Supporting active participation in all activities",
        "Ideas for supporting students' active participation in all activities.",
        "Everyone joins in",
        "Ways to make sure your partner can take part.",
        ZIEGLER,
        "",
        False,
    ),
    (
        "encouragement-and-feedback",
        "Encouragement and constructive feedback as a peer",
        "Ways of providing encouragement and constructive feedback as a peer.",
        "Cheering each other on",
        "How to encourage, and how to say kindly what could go better.",
        ZIEGLER,
        "",
        False,
    ),
    (
        "program-expectations",
        "What is expected of peer partners",
        "Specific expectations related to being part of the peer partner program.",
        "What peer partners do",
        "What we ask of you in the program.",
        ZIEGLER,
        "",
        True,
    ),
    (
        "when-to-ask-staff",
        "When to seek help from school staff",
        "Guidance on when to seek assistance from school staff.",
        "When to get an adult",
        "When and how to ask a teacher for help.",
        ZIEGLER,
        "",
        True,
    ),
    (
        "communication-supports",
        "Asking questions, wait time and offering choices",
        "For peers spending time with students who have complex communication needs or use AAC: how to ask "
        "questions, use wait time and provide choices.",
        "Talking with a partner who communicates differently",
        "Ask one question at a time, wait for the answer, and offer choices.",
        GUIDE,
        "communication",
        False,
    ),
    (
        "behavior-communicates",
        "What behaviour may communicate and how to respond",
        "For peers spending time with students who engage in unusual or difficult behaviours: what the student may be "
        "trying to communicate and how best to respond.",
        "When a partner acts in a way you don't expect",
        "What your partner might be telling you, and what to do.",
        GUIDE,
        "behavior",
        False,
    ),
)
