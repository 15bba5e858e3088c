-- expect: rt-bu1
INSERT INTO department (id, parent_id, name, level, body, sort)
  VALUES ('rt-bu1', NULL, '試験部', 'bukyoku', (SELECT MIN(code) FROM org_body), 99);
