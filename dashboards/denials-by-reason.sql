-- Refused taps per school and reason over the last 7 days.
-- reason: 2 UNKNOWN_IDENTIFIER, 3 IDENTIFIER_BLOCKED, 4 IDENTIFIER_EXPIRED, 5 OTHER_SCHOOL,
-- 6 NOT_ALLOWED_AT_DEVICE, 7 REPEATED_TAP (tapgate.device.v1.DecisionReason).
SELECT school_id,
       reason,
       count() AS taps
FROM tapgate.pass_events
WHERE event_date >= today() - 7 AND verdict = 2
GROUP BY school_id, reason
ORDER BY school_id, taps DESC;
