-- expect: 1
-- 5.2(2)②を採用しているが、2026年度の全職員向け必須研修がない
INSERT OR REPLACE INTO org_recommendation VALUES ('5.2(2)②', 1, NULL);
UPDATE training_course SET mandatory = 0 WHERE fiscal_year = 2026 AND kind = 'general';
INSERT INTO training_course VALUES ('rbt-t2', '管理者研修', 'manager', 2026, 1, '2026-05-20', NULL);
