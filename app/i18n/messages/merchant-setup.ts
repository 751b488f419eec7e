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
