"""Consultations: young people propose, discuss and support; facilitators say what happens next."""
