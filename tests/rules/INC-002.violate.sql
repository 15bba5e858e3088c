-- expect: R-13
UPDATE person SET status = 'transferred', status_since = '2026-04-01'
  WHERE id = (SELECT person_id FROM role_assignment WHERE id = 'R-13');
UPDATE role_assignment SET valid_to = '2026-03-31'
  WHERE person_id = (SELECT person_id FROM role_assignment WHERE id = 'R-13') AND id <> 'R-13';
