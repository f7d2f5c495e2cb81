"""The routine runner: its flow (a pure state machine), tempo guide, screen, summary and spoken cues."""
