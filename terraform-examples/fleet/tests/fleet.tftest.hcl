# `terraform test -var repository=PATH` against a repository whose watasu.yaml is examples/fleet.yaml (or declares
# the clusters staging, eu-prod and us-prod, with team acme on all of them): applies this example, checks it and
# destroys it again, which leaves the file as it was.

run "places_apps_on_clusters" {
  assert {
    condition     = output.ledger_clusters == tolist(["eu-prod", "us-prod"])
    error_message = "ledger-app's endpoint exists on ${join(", ", output.ledger_clusters)}, expected eu-prod, us-prod"
  }
  assert {
    condition     = output.ledger_endpoint == "ledger-app-ledger-tcp:7100"
    error_message = "the internal hostname is the same on every cluster"
  }
  assert {
    condition     = watasu_app.checkout.clusters == null
    error_message = "an app without clusters runs on all of its team's clusters and lists none"
  }
}

run "a_second_plan_changes_nothing" {
  command = plan

  assert {
    condition     = watasu_app.ledger.clusters == toset(["eu-prod", "us-prod"])
    error_message = "the clusters read back from the file"
  }
}
