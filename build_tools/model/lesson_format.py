"""The shape of a lesson file that is not front matter: its sections, and the prompts and placeholders a new
draft carries until its author replaces them. The checks, the draft tools and the issue form all read them here."""

from __future__ import annotations

REQUIRED_SECTIONS = (
    "What we set out to do",
    "What happened",
    "Why it went wrong",
    "What we would do differently",
)
OPTIONAL_SECTIONS = ("What worked", "Advice for others")
SECTIONS = REQUIRED_SECTIONS + OPTIONAL_SECTIONS

# A draft writes one prompt under each heading. Prompts are HTML comments, so a section holding only its
# prompt counts as empty, and the validator refuses prompts outside drafts.
PROMPT_MARK = "<!-- Prompt:"

# A draft's summary until the author writes one; the validator refuses it outside drafts.
SUMMARY_PLACEHOLDER = "Write one or two sentences here: what you tried, and what went wrong."

# The prompt under each section of a new draft (``python -m build_tools new``).
PROMPTS = {
    "What we set out to do": "What were you trying to achieve, with which partners, and why? Give the scale and the timescale.",
    "What happened": "What actually happened, in order? Numbers help: referrals, waiting times, staff, money.",
    "Why it went wrong": "Why did it go wrong? Describe systems, decisions and constraints, not individuals.",
    "What we would do differently": "What would you do differently if you started again tomorrow?",
    "What worked": "Optional: what worked and is worth keeping? Delete this section if there is nothing to add.",
    "Advice for others": "Optional: advice for a team about to try the same thing. Delete this section if you have none.",
}

# The help under each section's box in the issue form: the same questions, without the advice about headings.
FORM_HELP = {
    "What we set out to do": PROMPTS["What we set out to do"],
    "What happened": PROMPTS["What happened"],
    "Why it went wrong": "Describe systems, decisions and constraints, not individuals.",
    "What we would do differently": PROMPTS["What we would do differently"],
    "What worked": "Optional: what worked and is worth keeping.",
    "Advice for others": "Optional: advice for a team about to try the same thing.",
}
