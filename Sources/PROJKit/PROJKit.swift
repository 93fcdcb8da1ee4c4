// PROJKit
