"""The demo practice has enquiries for its administrator to read; loading twice adds nothing."""

from kindling.public import demo
from kindling.public.models import Enquiry


def test_the_demo_loads_twice_without_doubling(scene):
    people = {"admin": scene.adam}
    demo.load(scene.harbour, people)
    demo.load(scene.harbour, people)
    enquiries = Enquiry.objects.filter(practice=scene.harbour)
    assert enquiries.count() == len(demo.ENQUIRIES)
    assert enquiries.filter(handled_at__isnull=True).count() == 1
