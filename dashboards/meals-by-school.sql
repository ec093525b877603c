-- Canteen sales per school, day (UTC date) and meal kind over the last 7 days, approved only.
-- meal_kind: 1 BUFFET, 2 HOT_MEAL, 3 SUBSIDISED_MEAL (tapgate.device.v1.MealKind); verdict 1 = ALLOW.
-- paid_kop is what the accounts were debited (0 for subsidised meals, charged to the benefit);
-- basket_kop the baskets' total; buyers counts distinct persons (opaque ids).
SELECT school_id,
       event_date AS day,
       meal_kind,
       count() AS sales,
       sum(amount_kop) AS paid_kop,
       sum(basket_kop) AS basket_kop,
       uniqExact(person_id) AS buyers
FROM tapgate.purchases
WHERE event_date >= today() - 7 AND verdict = 1
GROUP BY school_id, day, meal_kind
ORDER BY school_id, day, meal_kind;
