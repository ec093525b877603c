-- Refused taps per school and reason over the last 7 days (a kindergarten hand-over counts one
-- row per child it named).
-- reason: 2 UNKNOWN_IDENTIFIER, 3 IDENTIFIER_BLOCKED, 4 IDENTIFIER_EXPIRED, 5 OTHER_SCHOOL,
-- 6 NOT_ALLOWED_AT_DEVICE, 7 REPEATED_TAP; hand-over (v1.3): 16 ESCORT_NOT_AUTHORISED,
-- 17 NOT_A_CHILD, 19 ESCORT_CARD_ALONE (tapgate.device.v1.DecisionReason).
SELECT school_id,
       reason,
       count() AS taps
FROM tapgate.pass_events
WHERE event_date >= today() - 7 AND verdict = 2
GROUP BY school_id, reason
ORDER BY school_id, taps DESC;
