"""Whether a peer is ready to be matched or scheduled: the apps that place peers (recruitment's matching, activities)
ask here, and the app that knows (orientation: the required topics each peer has covered) registers the answer from
its ``AppConfig.ready()``. The core and recruitment never import orientation; with no provider registered nothing is
known and callers behave as before (``peer_readiness_for`` answers ``None``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

WARN = "warn"
BLOCK = "block"


@dataclass(frozen=True)
class PeerReadiness:
    ready: bool
    # The required topics still to cover, in the library's order (empty when ready).
    missing: tuple[str, ...] = field(default_factory=tuple)
    # The program's rule for peers not yet ready: WARN (matched and scheduled with a warning) or BLOCK.
    rule: str = WARN

    @property
    def blocks(self) -> bool:
        """Not ready, and the program does not match or schedule such peers."""
        return not self.ready and self.rule == BLOCK

    @property
    def missing_text(self) -> str:
        return ", ".join(self.missing)


# (program, peers) -> {peer id: PeerReadiness} for every peer given, in a fixed number of queries.
Provider = Callable[..., dict[int, PeerReadiness]]

# One app answers (orientation). A second provider would need a rule for combining answers: refused until one exists.
_PROVIDERS: list[Provider] = []


def register_peer_readiness(fn: Provider) -> None:
    if fn in _PROVIDERS:
        return
    if _PROVIDERS:
        raise ImproperlyConfigured(f"Peer readiness is already answered by {_PROVIDERS[0].__module__}.")
    _PROVIDERS.append(fn)


def peer_readiness_for(*, program, peers: Iterable) -> dict[int, PeerReadiness] | None:
    """Each peer's readiness in ``program`` (``peers``: students or their ids), or ``None`` when no app tracks it."""
    if not _PROVIDERS:
        return None
    return _PROVIDERS[0](program=program, peers=list(peers))
