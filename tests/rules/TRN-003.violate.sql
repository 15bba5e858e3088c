-- expect: rbt-p3
-- 2026-04-01採用で新規採用職員研修の記録がない
INSERT INTO person (id, name, department_id, employment, status, hired_on) VALUES ('rbt-p3', '新人 三郎', (SELECT MIN(id) FROM department WHERE level = 'kashitsu'), 'regular', 'active', '2026-04-01');
