"""Screens more than one router opens (the menu, /start, a deep link): functions, no routers."""
