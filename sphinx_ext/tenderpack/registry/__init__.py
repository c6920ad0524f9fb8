"""Facts that hold for every tender: OIN prefixes, organisations, holidays, the time-limit law."""
