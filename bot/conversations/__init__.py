"""Step-by-step conversations declared as tables of steps (``bot.conversation``)."""
