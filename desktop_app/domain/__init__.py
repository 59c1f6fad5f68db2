"""The shared vocabulary of the program, free of Qt and of I/O.

One definition of each rule (actions, write kinds, outbox states, payloads, phone
rules, message codes); every other package imports it from here instead of
repeating a string.
"""
