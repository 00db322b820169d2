"""No admin for enforcement rows: bodies, matters, officers and credentials have audited pages
(`enforcement:body_list`, `officer_detail`), periods are edited on core's period page."""
