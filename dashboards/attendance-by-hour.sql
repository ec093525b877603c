-- Allowed entries and exits per school and hour (UTC hour) today.
-- verdict 1 = ALLOW; direction 1 = ENTRY, 2 = EXIT (tapgate.device.v1 enums).
SELECT school_id,
       toStartOfHour(decided_at) AS hour,
       countIf(direction = 1) AS entries,
       countIf(direction = 2) AS exits
FROM tapgate.pass_events
WHERE event_date = today() AND verdict = 1
GROUP BY school_id, hour
ORDER BY school_id, hour;
