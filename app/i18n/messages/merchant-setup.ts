// A stall live from a phone: the invitation's sign-up, the short stall form, photos shrunk before
// they are sent and their main one, products added one after another (issue 15).
export const fr = {
  "merchantSetup.signup.invitedHint":
    "L’adresse à laquelle votre invitation a été envoyée : avec elle, votre compte est ouvert tout de suite, sans e-mail de confirmation.",
  "merchantSetup.stall.later":
    "Votre adresse de retrait, votre raison sociale, votre SIRET et l’adresse de votre entreprise se complètent ensuite, depuis la fiche du stand, avant sa validation.",
  "merchantSetup.missing": "Avant la validation de votre stand, il manque : {fields}.",
  "merchantSetup.missing.complete": "Compléter la fiche",

  "merchantSetup.photos.choose": "Choisir des photos",
  "merchantSetup.photos.chooseOne": "Choisir une photo",
  "merchantSetup.photos.take": "Prendre une photo",
  "merchantSetup.photos.hint": "Les photos de votre téléphone sont réduites avant l’envoi.",
  "merchantSetup.photos.preparing": "Préparation des photos : {done} sur {total}…",
  "merchantSetup.photos.readyOne": "1 photo prête à envoyer ({size}).",
  "merchantSetup.photos.readyMany": "{count} photos prêtes à envoyer ({size}).",
  "merchantSetup.photos.notImage": "« {name} » n’est pas une image : choisissez une photo.",
  "merchantSetup.photos.stillTooLarge": "« {name} » reste trop lourde, même réduite ({max} au plus).",
  "merchantSetup.photos.wait": "Patientez : les photos sont en cours de préparation.",
  "merchantSetup.photos.main": "Photo principale",
  "merchantSetup.photos.makeMain": "En faire la photo principale",
  "merchantSetup.photos.mainSaved": "Photo principale choisie : c’est elle que montrent les cartes.",

  "merchantSetup.product.saveAnother": "Enregistrer et ajouter un autre",
  "merchantSetup.product.saveDone": "Enregistrer et terminer",
  "merchantSetup.product.saved": "« {name} » est enregistré. Ajoutez le produit suivant.",

  "merchantSetup.tooLarge.title": "Envoi trop lourd",
  "merchantSetup.tooLarge.text":
    "Les photos envoyées dépassent la taille permise ({max} par photo). Revenez à la page et envoyez-en moins à la fois, ou des photos plus légères.",
  "merchantSetup.tooLarge.back": "Revenir à la page",
};

export const en: Record<keyof typeof fr, string> = {
  "merchantSetup.signup.invitedHint":
    "The address your invitation was sent to: with it, your account opens at once, with no confirmation e-mail.",
  "merchantSetup.stall.later":
    "Your pickup details, company name, SIRET and company address can be added afterwards, from the stall’s details, before it is approved.",
  "merchantSetup.missing": "Before your stall can be approved, it still needs: {fields}.",
  "merchantSetup.missing.complete": "Complete the details",

  "merchantSetup.photos.choose": "Choose photos",
  "merchantSetup.photos.chooseOne": "Choose a photo",
  "merchantSetup.photos.take": "Take a photo",
  "merchantSetup.photos.hint": "Your phone’s photos are made smaller before they are sent.",
  "merchantSetup.photos.preparing": "Preparing the photos: {done} of {total}…",
  "merchantSetup.photos.readyOne": "1 photo ready to send ({size}).",
  "merchantSetup.photos.readyMany": "{count} photos ready to send ({size}).",
  "merchantSetup.photos.notImage": "“{name}” is not an image: choose a photo.",
  "merchantSetup.photos.stillTooLarge": "“{name}” is still too large, even made smaller ({max} at most).",
  "merchantSetup.photos.wait": "Please wait: the photos are being prepared.",
  "merchantSetup.photos.main": "Main photo",
  "merchantSetup.photos.makeMain": "Make it the main photo",
  "merchantSetup.photos.mainSaved": "Main photo chosen: it is the one cards show.",

  "merchantSetup.product.saveAnother": "Save and add another",
  "merchantSetup.product.saveDone": "Save and finish",
  "merchantSetup.product.saved": "“{name}” is saved. Add the next product.",

  "merchantSetup.tooLarge.title": "Upload too large",
  "merchantSetup.tooLarge.text":
    "The photos sent are over the allowed size ({max} per photo). Go back to the page and send fewer at a time, or lighter photos.",
  "merchantSetup.tooLarge.back": "Back to the page",
};
