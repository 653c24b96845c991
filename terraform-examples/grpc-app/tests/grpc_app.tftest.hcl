# `terraform test -var repository=PATH` applies the documentation's example, checks it and destroys it again.

run "grpc_app_trusts_api_app_and_billing_app" {
  assert {
    condition     = watasu_app_trust.grpc.trusted == toset(["api-app", "billing-app"])
    error_message = "grpc-app should trust api-app and billing-app"
  }
  assert {
    condition     = output.grpc_endpoint == "grpc-app-grpc-tcp:50051"
    error_message = "the endpoint is ${output.grpc_endpoint}"
  }
  assert {
    condition     = watasu_app.billing.processes["web"].command == "bundle exec puma"
    error_message = "billing-app's web process"
  }
}
