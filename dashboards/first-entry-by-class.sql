-- Pupils (person_kind 1) with at least one allowed entry today, by school and class.
SELECT school_id,
       class_name,
       uniqExact(person_id) AS pupils_entered
FROM tapgate.pass_events
WHERE event_date = today() AND verdict = 1 AND direction = 1 AND person_kind = 1
GROUP BY school_id, class_name
ORDER BY school_id, class_name;
