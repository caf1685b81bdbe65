"""Talk to a peer: the teams that offer a conversation, a visit or their documents, by service area."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.lesson import Lesson
from .views import LessonCard, TeamContact, Views


@dataclass(frozen=True, slots=True)
class PeerTeam:
    card: LessonCard  # the team's lesson
    contact: TeamContact


@dataclass(frozen=True, slots=True)
class PeerGroup:
    id: str
    label: str
    teams: tuple[PeerTeam, ...]


@dataclass(frozen=True, slots=True)
class PeerDirectory:
    groups: tuple[PeerGroup, ...]  # service areas with at least one team, in vocabulary order
    total: int  # teams, each counted once however many service areas its lesson covers


def peer_directory(lessons: tuple[Lesson, ...], views: Views) -> PeerDirectory:
    teams = [(lesson, PeerTeam(views.card(lesson), contact)) for lesson in lessons if (contact := views.contact(lesson)) is not None]
    groups = []
    for area in views.service_areas.vocabulary.active_terms:
        listed = tuple(team for lesson, team in teams if area.id in lesson.service_areas)
        if listed:
            groups.append(PeerGroup(area.id, area.label, listed))
    return PeerDirectory(tuple(groups), len(teams))
