# `terraform test -var repository=PATH` applies this example to the repository, checks the result and destroys it
# again (the repository keeps the history). An empty repository is fine: the first change creates watasu.yaml.

run "two_apps_and_one_trust_list" {
  assert {
    condition     = output.grpc_endpoint == "grpc-app-grpc-tcp:50051"
    error_message = "grpc-app's internal endpoint is ${output.grpc_endpoint}, expected grpc-app-grpc-tcp:50051"
  }
  assert {
    condition     = watasu_app_trust.grpc.trusted == toset(["api-app"])
    error_message = "grpc-app should trust exactly api-app"
  }
  assert {
    condition     = watasu_app.api.processes["web"].port == 5000 && watasu_app.api.id == "acme/api-app"
    error_message = "a process without a port listens on 5000; the id is team/app"
  }
}

run "a_second_plan_changes_nothing" {
  command = plan

  assert {
    condition     = watasu_app_trust.grpc.id == "grpc-app"
    error_message = "the trust list's id is the app name"
  }
}
