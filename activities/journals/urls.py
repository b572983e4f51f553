"""Peer journals: a peer's own journal; staff reading, replying and following up; the coordinator's prompts."""

from django.urls import path

from . import views

urlpatterns = [
    path("journal/", views.MyJournalView.as_view(), name="my_journal"),
    path("journal/<int:pk>/", views.MyJournalEntryView.as_view(), name="my_journal_entry"),
    path("journals/", views.JournalIndexView.as_view(), name="journal_index"),
    path("programs/<int:pk>/journals/", views.JournalsView.as_view(), name="journals"),
    path("journals/entries/<int:pk>/", views.JournalEntryView.as_view(), name="journal_entry"),
    path("programs/<int:pk>/journal-prompts/", views.JournalPromptsView.as_view(), name="journal_prompts"),
    path("journal-prompts/<int:pk>/edit/", views.JournalPromptEditView.as_view(), name="journal_prompt_edit"),
    path("journal-prompts/<int:pk>/move/", views.JournalPromptMoveView.as_view(), name="journal_prompt_move"),
    path("journal-prompts/<int:pk>/retire/", views.JournalPromptRetireView.as_view(), name="journal_prompt_retire"),
]
