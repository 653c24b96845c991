# `terraform test -var repository=PATH` against a repository whose watasu.yaml already has legacy-app (team acme,
# processes web and jobs-tcp on 7000): the import blocks in imports.tf adopt it. The test's clean-up then destroys
# what it manages, which removes legacy-app from the file: run it against a scratch copy of the repository.

run "adopts_legacy_app" {
  assert {
    condition     = watasu_app.legacy.processes["jobs-tcp"].port == 7000 && watasu_app.legacy.id == "acme/legacy-app"
    error_message = "legacy-app should be adopted as written in the file"
  }
  assert {
    condition     = length(watasu_app_trust.legacy.trusted) == 0
    error_message = "legacy-app trusts no other app"
  }
}
