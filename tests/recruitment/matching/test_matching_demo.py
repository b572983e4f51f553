"""The demo's matches: each demo program gets confirmed matches that keep every hard constraint; a second run
changes nothing."""

import programs.demo
import schools.demo
from programs.models import Program
from recruitment.applying import demo as applying_demo
from recruitment.campaigns import demo as campaign_demo
from recruitment.matching import demo, selectors
from recruitment.models import Match
from schools.models import PeerAvailability, PeerPreference


def test_demo_programs_get_confirmed_matches_once(db):
    schools.demo.seed(password="demo-password")
    programs.demo.seed(password="demo-password")
    campaign_demo.seed()
    applying_demo.seed()
    assert demo.seed()
    count = Match.objects.count()
    assert count > 0
    assert not Match.objects.exclude(status=Match.Status.CONFIRMED).exists()
    assert demo.seed() == ""
    assert Match.objects.count() == count
    for program in Program.objects.all():
        assert Match.objects.filter(program=program).exists(), program
    for match in Match.objects.select_related("peer", "focus_student"):
        assert not PeerPreference.objects.filter(student=match.focus_student, peer=match.peer, kind="avoid").exists()
        assert PeerAvailability.objects.filter(student=match.peer).exists()
        assert match.explanation
    some = Match.objects.first()
    assert some.focus_student in selectors.partners_of(student=some.peer)
    # The pairs the README names were made by hand by the coordinator, and confirmed.
    for peer, partner in (("Sofia", "Noah"), ("Marcus", "Yvonne")):
        match = Match.objects.get(peer__first_name=peer)
        assert match.focus_student.first_name == partner and match.by_hand
