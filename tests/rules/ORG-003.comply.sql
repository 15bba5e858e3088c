-- Near miss: the 統括 is on leave (still the holder; a deputy acts) and the assignment ends on
-- the check date itself.
UPDATE person SET status = 'on_leave', status_since = '2026-05-01'
 WHERE id IN (SELECT person_id FROM role_assignment WHERE role = 'toukatsu');
UPDATE role_assignment SET valid_to = '2026-06-01' WHERE role = 'toukatsu';
