namespace Harness.Scenarios.Model;

/// <summary>
/// The slots whose values are credentials. A request field bound to one is secret (<see cref="RequestField.Secret"/>)
/// whatever its name, so a contract cannot forget to say so; <c>secret: true</c> is for the fields bound to no such
/// slot. The redactor masks these fields by name (<see cref="Redaction.DeclaredSecrets"/>) on top of its generic names
/// (<see cref="Redaction.SecretName"/>), and by shape wherever a JWT appears.
/// </summary>
public static class CredentialSlots
{
    public static bool Contains(Slot slot) => slot is Slot.AccessToken or Slot.RefreshToken or Slot.ClientSecret or Slot.SessionToken or Slot.Password;
}
